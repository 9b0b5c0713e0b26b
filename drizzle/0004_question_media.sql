ALTER TABLE "questions" ADD COLUMN "media" jsonb;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "explanation_media" jsonb;