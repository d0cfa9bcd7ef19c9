CREATE TABLE "api_token_shows" (
	"token_id" bigint NOT NULL,
	"show_id" bigint NOT NULL,
	CONSTRAINT "api_token_shows_token_id_show_id_pk" PRIMARY KEY("token_id","show_id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"token_hash" "bytea" NOT NULL,
	"name" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "listener_day" (
	"show_id" bigint NOT NULL,
	"day" date NOT NULL,
	"listener_hash" "bytea" NOT NULL,
	"is_bot" boolean NOT NULL,
	CONSTRAINT "listener_day_show_id_day_listener_hash_is_bot_pk" PRIMARY KEY("show_id","day","listener_hash","is_bot")
);
--> statement-breakpoint
CREATE TABLE "listener_episode_month" (
	"show_id" bigint NOT NULL,
	"episode_id" bigint NOT NULL,
	"month" date NOT NULL,
	"listener_hash" "bytea" NOT NULL,
	"is_bot" boolean NOT NULL,
	CONSTRAINT "listener_episode_month_show_id_episode_id_month_listener_hash_is_bot_pk" PRIMARY KEY("show_id","episode_id","month","listener_hash","is_bot")
);
--> statement-breakpoint
CREATE TABLE "listener_month" (
	"show_id" bigint NOT NULL,
	"month" date NOT NULL,
	"listener_hash" "bytea" NOT NULL,
	"is_bot" boolean NOT NULL,
	"app" text NOT NULL,
	"country" char(2) NOT NULL,
	"region" text NOT NULL,
	"device" text NOT NULL,
	"os" text NOT NULL,
	CONSTRAINT "listener_month_show_id_month_listener_hash_is_bot_pk" PRIMARY KEY("show_id","month","listener_hash","is_bot")
);
--> statement-breakpoint
CREATE TABLE "rollup_episode_hour" (
	"show_id" bigint NOT NULL,
	"episode_id" bigint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	"bot_downloads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_episode_hour_show_id_episode_id_hour_pk" PRIMARY KEY("show_id","episode_id","hour")
);
--> statement-breakpoint
CREATE TABLE "rollup_hits_hour" (
	"show_id" bigint NOT NULL,
	"episode_id" bigint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_hits_hour_show_id_episode_id_hour_pk" PRIMARY KEY("show_id","episode_id","hour")
);
--> statement-breakpoint
CREATE TABLE "rollup_listeners" (
	"show_id" bigint NOT NULL,
	"scope" text NOT NULL,
	"period" date NOT NULL,
	"value" text NOT NULL,
	"listeners" integer DEFAULT 0 NOT NULL,
	"bot_listeners" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_listeners_show_id_scope_period_value_pk" PRIMARY KEY("show_id","scope","period","value")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" "bytea" PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_shows" (
	"user_id" bigint NOT NULL,
	"show_id" bigint NOT NULL,
	CONSTRAINT "user_shows_user_id_show_id_pk" PRIMARY KEY("user_id","show_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"time_zone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "api_token_shows" ADD CONSTRAINT "api_token_shows_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_token_shows" ADD CONSTRAINT "api_token_shows_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_shows" ADD CONSTRAINT "user_shows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_shows" ADD CONSTRAINT "user_shows_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_token_shows_show_idx" ON "api_token_shows" USING btree ("show_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "rollup_episode_hour_show_hour_idx" ON "rollup_episode_hour" USING btree ("show_id","hour");--> statement-breakpoint
CREATE INDEX "rollup_hits_hour_show_hour_idx" ON "rollup_hits_hour" USING btree ("show_id","hour");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_shows_show_idx" ON "user_shows" USING btree ("show_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");