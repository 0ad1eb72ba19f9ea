CREATE TABLE "reminder_state" (
	"incident_id" integer PRIMARY KEY NOT NULL,
	"update_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"seq" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminders_sent_incident_id_kind_seq_pk" PRIMARY KEY("incident_id","kind","seq")
);
--> statement-breakpoint
ALTER TABLE "reminder_state" ADD CONSTRAINT "reminder_state_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders_sent" ADD CONSTRAINT "reminders_sent_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;