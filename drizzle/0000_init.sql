CREATE TABLE "users" (
	"id" bigint PRIMARY KEY NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"id" bigint PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"blocked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chats_type_ck" CHECK ("chats"."type" in ('private', 'group', 'supergroup', 'channel'))
);
--> statement-breakpoint
CREATE TABLE "quizzes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quizzes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" bigint NOT NULL,
	"title" text NOT NULL,
	"open_period_s" integer DEFAULT 30 NOT NULL,
	"shuffle_options" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"quiz_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"options" text[] NOT NULL,
	"correct_option_ids" smallint[] NOT NULL,
	"explanation" text,
	"open_period_s" integer,
	CONSTRAINT "questions_quiz_position_uq" UNIQUE("quiz_id","position"),
	CONSTRAINT "questions_options_ck" CHECK (cardinality("questions"."options") between 1 and 12),
	CONSTRAINT "questions_correct_ck" CHECK (cardinality("questions"."correct_option_ids") >= 1)
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"quiz_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"started_by" bigint NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"current_position" integer DEFAULT -1 NOT NULL,
	"question_count" integer NOT NULL,
	"next_action_at" timestamp with time zone,
	"settings" jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rewards_credited_at" timestamp with time zone,
	"results_posted_at" timestamp with time zone,
	CONSTRAINT "runs_status_ck" CHECK ("runs"."status" in ('running', 'finishing', 'finished', 'cancelled')),
	CONSTRAINT "runs_mode_ck" CHECK ("runs"."mode" in ('group', 'private'))
);
--> statement-breakpoint
CREATE TABLE "run_questions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "run_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"question_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"poll_id" text,
	"message_id" bigint,
	"shown_order" smallint[],
	"sent_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "run_questions_poll_id_uq" UNIQUE("poll_id"),
	CONSTRAINT "run_questions_run_position_uq" UNIQUE("run_id","position")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"run_id" bigint NOT NULL,
	"question_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"option_ids" smallint[] NOT NULL,
	"is_correct" boolean NOT NULL,
	"response_ms" integer,
	"answered_at" timestamp with time zone NOT NULL,
	"update_id" bigint NOT NULL,
	CONSTRAINT "answers_pk" PRIMARY KEY("run_id","question_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"run_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"rank" integer NOT NULL,
	"points" integer NOT NULL,
	"correct_count" integer NOT NULL,
	"answered_count" integer NOT NULL,
	"total_response_ms" bigint NOT NULL,
	"credited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "player_stats" (
	"chat_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"points" bigint DEFAULT 0 NOT NULL,
	"quizzes_played" integer DEFAULT 0 NOT NULL,
	"correct_answers" integer DEFAULT 0 NOT NULL,
	"answered_questions" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "player_stats_pk" PRIMARY KEY("chat_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_questions" ADD CONSTRAINT "run_questions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_questions" ADD CONSTRAINT "run_questions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "player_stats" ADD CONSTRAINT "player_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quizzes_owner_idx" ON "quizzes" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_one_active_per_chat_uq" ON "runs" USING btree ("chat_id") WHERE "runs"."status" in ('running', 'finishing');--> statement-breakpoint
CREATE INDEX "runs_due_idx" ON "runs" USING btree ("next_action_at") WHERE "runs"."status" in ('running', 'finishing');--> statement-breakpoint
CREATE INDEX "runs_undelivered_idx" ON "runs" USING btree ("id") WHERE "runs"."status" = 'finished' and ("runs"."rewards_credited_at" is null or "runs"."results_posted_at" is null);--> statement-breakpoint
CREATE INDEX "runs_chat_idx" ON "runs" USING btree ("chat_id","started_at");--> statement-breakpoint
CREATE INDEX "rewards_user_idx" ON "rewards" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "player_stats_leaderboard_idx" ON "player_stats" USING btree ("chat_id","points" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "player_stats_user_idx" ON "player_stats" USING btree ("user_id");