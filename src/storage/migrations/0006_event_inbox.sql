ALTER TABLE "slack_event_receipts" ADD COLUMN "body" jsonb;--> statement-breakpoint
ALTER TABLE "slack_event_receipts" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "slack_event_receipts" ADD COLUMN "lease_until" timestamp with time zone DEFAULT now() + interval '10 seconds' NOT NULL;--> statement-breakpoint
ALTER TABLE "slack_event_receipts" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "slack_event_receipts_due" ON "slack_event_receipts" USING btree ("lease_until") WHERE "slack_event_receipts"."done_at" is null and "slack_event_receipts"."body" is not null;