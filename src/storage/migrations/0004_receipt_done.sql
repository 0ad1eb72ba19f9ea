ALTER TABLE "slack_event_receipts" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
UPDATE "slack_event_receipts" SET "done_at" = "received_at";