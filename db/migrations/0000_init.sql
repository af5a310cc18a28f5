CREATE TABLE "activations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version_id" uuid,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" text DEFAULT 'admin' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"specversion" text DEFAULT '1.0' NOT NULL,
	"subject" text,
	"time" timestamp with time zone,
	"datacontenttype" text,
	"dataschema" text,
	"data" jsonb,
	"data_base64" text,
	"extensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"correlation_id" text,
	"causation_id" text,
	"received_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"routed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"event_seq" bigint NOT NULL,
	"trigger_node_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"replay_of" uuid,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"status" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"handle" text,
	"input" jsonb,
	"output" jsonb,
	"error" jsonb,
	"due_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"event_type" text NOT NULL,
	"type_regex" text NOT NULL,
	"match" text,
	"after_seq" bigint NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"event_seq" bigint,
	"timeout_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"document" jsonb NOT NULL,
	"active_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "activations" ADD CONSTRAINT "activations_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activations" ADD CONSTRAINT "activations_version_id_workflow_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."workflow_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_version_id_workflow_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."workflow_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steps" ADD CONSTRAINT "steps_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waits" ADD CONSTRAINT "waits_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activations_workflow_at" ON "activations" USING btree ("workflow_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "events_source_id" ON "events" USING btree ("source","id");--> statement-breakpoint
CREATE INDEX "events_type_seq" ON "events" USING btree ("type","seq");--> statement-breakpoint
CREATE INDEX "events_correlation" ON "events" USING btree ("correlation_id","seq");--> statement-breakpoint
CREATE INDEX "events_subject" ON "events" USING btree ("subject","seq");--> statement-breakpoint
CREATE INDEX "events_received_at" ON "events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "events_unrouted" ON "events" USING btree ("seq") WHERE routed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "runs_event_workflow" ON "runs" USING btree ("event_seq","workflow_id") WHERE replay_of is null;--> statement-breakpoint
CREATE INDEX "runs_workflow_created" ON "runs" USING btree ("workflow_id","created_at");--> statement-breakpoint
CREATE INDEX "runs_status" ON "runs" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "runs_created" ON "runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "steps_run_node" ON "steps" USING btree ("run_id","node_id");--> statement-breakpoint
CREATE INDEX "steps_open" ON "steps" USING btree ("updated_at") WHERE status in ('pending','running','waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "waits_run_node" ON "waits" USING btree ("run_id","node_id");--> statement-breakpoint
CREATE INDEX "waits_open" ON "waits" USING btree ("event_type") WHERE status = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_number" ON "workflow_versions" USING btree ("workflow_id","version");