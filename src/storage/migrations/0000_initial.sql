CREATE TABLE "actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"text" text NOT NULL,
	"owner_id" text,
	"done" boolean DEFAULT false NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"type" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"before" jsonb,
	"after" jsonb,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"impact" text,
	"severity" text,
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"reporter_id" text,
	"lead_id" text,
	"reported_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"declare_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_declare_key_unique" UNIQUE("declare_key"),
	CONSTRAINT "incidents_severity_known" CHECK ("incidents"."severity" in ('critical', 'major', 'minor', 'trivial')),
	CONSTRAINT "incidents_status_known" CHECK ("incidents"."status" in ('investigating', 'identified', 'monitoring', 'resolved')),
	CONSTRAINT "incidents_kind_known" CHECK ("incidents"."kind" in ('live', 'report')),
	CONSTRAINT "incidents_resolved_when_resolved" CHECK (("incidents"."status" = 'resolved') = ("incidents"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "slack_channels" (
	"incident_id" integer PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slack_channels_channel_id_unique" UNIQUE("channel_id")
);
--> statement-breakpoint
CREATE TABLE "slack_event_receipts" (
	"event_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_messages" (
	"incident_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slack_messages_incident_id_purpose_pk" PRIMARY KEY("incident_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "slack_users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"real_name" text,
	"email" text,
	"timezone" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"source" text NOT NULL,
	"text" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"author_id" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"slack_channel_id" text,
	"slack_ts" text,
	"slack_permalink" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timeline_source_known" CHECK ("timeline_entries"."source" in ('pin', 'reaction', 'shortcut', 'manual', 'update', 'change'))
);
--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_channels" ADD CONSTRAINT "slack_channels_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_messages" ADD CONSTRAINT "slack_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_by_incident" ON "actions" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "events_by_incident" ON "incident_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incidents_newest_first" ON "incidents" USING btree ("reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incidents_status" ON "incidents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "slack_event_receipts_age" ON "slack_event_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_one_per_slack_message" ON "timeline_entries" USING btree ("incident_id","slack_channel_id","slack_ts");--> statement-breakpoint
CREATE INDEX "timeline_by_incident" ON "timeline_entries" USING btree ("incident_id","occurred_at","id");