CREATE TABLE "quiz_plays" (
	"quiz_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"played_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_plays_pk" PRIMARY KEY("quiz_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "rewards" ALTER COLUMN "rank" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "credit" text DEFAULT 'counted' NOT NULL;--> statement-breakpoint
ALTER TABLE "quiz_plays" ADD CONSTRAINT "quiz_plays_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_plays" ADD CONSTRAINT "quiz_plays_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_credit_ck" CHECK ("rewards"."credit" in ('counted', 'replay', 'own-quiz'));--> statement-breakpoint
-- Hand-written: a quiz credited before this migration was its players' first play, so a replay
-- of it earns nothing from now on. Points credited before stay as they were.
INSERT INTO "quiz_plays" ("quiz_id", "user_id", "run_id", "played_at")
SELECT DISTINCT ON ("runs"."quiz_id", "rewards"."user_id") "runs"."quiz_id", "rewards"."user_id", "rewards"."run_id", "rewards"."credited_at"
FROM "rewards" JOIN "runs" ON "runs"."id" = "rewards"."run_id"
ORDER BY "runs"."quiz_id", "rewards"."user_id", "rewards"."run_id";
