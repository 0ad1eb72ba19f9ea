CREATE TABLE "slack_sync" (
	"incident_id" integer PRIMARY KEY NOT NULL,
	"steps_done" text[] DEFAULT '{}'::text[] NOT NULL,
	"synced_event_id" bigint DEFAULT 0 NOT NULL,
	"origin_channel_id" text,
	"origin_user_id" text,
	"origin_response_url" text,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "slack_files" jsonb;--> statement-breakpoint
ALTER TABLE "slack_sync" ADD CONSTRAINT "slack_sync_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;