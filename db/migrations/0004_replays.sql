CREATE TABLE "replays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"type_pattern" text,
	"source" text,
	"workflow_ids" jsonb,
	"version" text NOT NULL,
	"cascade" boolean DEFAULT false NOT NULL,
	"drafts" jsonb,
	"cursor_seq" bigint DEFAULT 0 NOT NULL,
	"max_seq" bigint NOT NULL,
	"batch" integer DEFAULT 0 NOT NULL,
	"events_total" integer NOT NULL,
	"events_done" integer DEFAULT 0 NOT NULL,
	"runs_estimate" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"walked_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"type_pattern" text PRIMARY KEY NOT NULL,
	"type_regex" text NOT NULL,
	"keep_seconds" bigint,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shadow_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"replay_id" uuid NOT NULL,
	"event_seq" bigint NOT NULL,
	"workflow_id" uuid NOT NULL,
	"original_run_id" uuid,
	"nodes" jsonb NOT NULL,
	"differences" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "replay_id" uuid;--> statement-breakpoint
ALTER TABLE "shadow_results" ADD CONSTRAINT "shadow_results_replay_id_replays_id_fk" FOREIGN KEY ("replay_id") REFERENCES "public"."replays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "replays_created" ON "replays" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "replays_open" ON "replays" USING btree ("updated_at") WHERE status in ('running', 'paused');--> statement-breakpoint
CREATE UNIQUE INDEX "shadow_results_key" ON "shadow_results" USING btree ("replay_id","event_seq","workflow_id");--> statement-breakpoint
CREATE INDEX "shadow_results_replay" ON "shadow_results" USING btree ("replay_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_replay_event_workflow" ON "runs" USING btree ("replay_id","event_seq","workflow_id") WHERE replay_id is not null;--> statement-breakpoint
CREATE INDEX "runs_replay_status" ON "runs" USING btree ("replay_id","status") WHERE replay_id is not null;--> statement-breakpoint
CREATE INDEX "runs_replay_of" ON "runs" USING btree ("replay_of") WHERE replay_of is not null;