CREATE TABLE "quiz_drafts" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"title" text,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_drafts_questions_array_ck" CHECK (jsonb_typeof("quiz_drafts"."questions") = 'array')
);
--> statement-breakpoint
ALTER TABLE "quiz_drafts" ADD CONSTRAINT "quiz_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;