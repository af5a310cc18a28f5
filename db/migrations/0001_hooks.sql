CREATE TABLE "hook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hook_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"status" integer NOT NULL,
	"verification" text NOT NULL,
	"verification_detail" text,
	"dedupe" text,
	"event_id" text,
	"event_seq" bigint,
	"error" jsonb,
	"headers" jsonb NOT NULL,
	"body" text,
	"body_bytes" integer,
	"body_truncated" boolean DEFAULT false NOT NULL,
	"resent_from" bigint,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "hooks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"event_type" text NOT NULL,
	"subject" text,
	"scheme" text NOT NULL,
	"verify" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret" text,
	"previous_secret" text,
	"previous_secret_expires_at" timestamp with time zone,
	"respond" jsonb DEFAULT '{"mode":"async"}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hook_deliveries" ADD CONSTRAINT "hook_deliveries_hook_id_hooks_id_fk" FOREIGN KEY ("hook_id") REFERENCES "public"."hooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hook_deliveries_hook" ON "hook_deliveries" USING btree ("hook_id","id");