ALTER TABLE "questions" DROP CONSTRAINT "questions_quiz_position_uq";--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "questions_quiz_position_uq" ON "questions" USING btree ("quiz_id","position") WHERE "questions"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "questions_quiz_idx" ON "questions" USING btree ("quiz_id");