CREATE TABLE "inbox" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"lane" text NOT NULL,
	"kind" text NOT NULL,
	"waits_for" text,
	"payload" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"dead_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT -1 NOT NULL,
	"method" text NOT NULL,
	"payload" text NOT NULL,
	"priority" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"message_id" bigint,
	"poll_id" text,
	"error" text,
	CONSTRAINT "outbox_run_kind_position_uq" UNIQUE("run_id","kind","position"),
	CONSTRAINT "outbox_kind_ck" CHECK ("outbox"."kind" in ('announce', 'question', 'results')),
	CONSTRAINT "outbox_state_ck" CHECK ("outbox"."state" in ('pending', 'dispatched', 'unknown', 'sent', 'failed', 'lost'))
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_open_idx" ON "inbox" USING btree ("lane","update_id") WHERE "inbox"."handled_at" is null and "inbox"."dead_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_waits_for_idx" ON "inbox" USING btree ("waits_for") WHERE "inbox"."waits_for" is not null and "inbox"."handled_at" is null and "inbox"."dead_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_handled_idx" ON "inbox" USING btree ("handled_at") WHERE "inbox"."handled_at" is not null;--> statement-breakpoint
CREATE INDEX "inbox_dead_idx" ON "inbox" USING btree ("dead_at") WHERE "inbox"."dead_at" is not null;--> statement-breakpoint
CREATE INDEX "outbox_open_idx" ON "outbox" USING btree ("run_id") WHERE "outbox"."state" in ('pending', 'dispatched', 'unknown');