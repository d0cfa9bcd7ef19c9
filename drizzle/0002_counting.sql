CREATE TABLE "downloads" (
	"show_id" bigint NOT NULL,
	"episode_id" bigint NOT NULL,
	"day" date NOT NULL,
	"listener_hash" "bytea" NOT NULL,
	"is_bot" boolean NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"app" text NOT NULL,
	"country" char(2) NOT NULL,
	"region" text NOT NULL,
	"device" text NOT NULL,
	"os" text NOT NULL,
	CONSTRAINT "downloads_show_id_episode_id_day_listener_hash_is_bot_pk" PRIMARY KEY("show_id","episode_id","day","listener_hash","is_bot")
);
--> statement-breakpoint
CREATE TABLE "job_state" (
	"job" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_dimension_day" (
	"show_id" bigint NOT NULL,
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	"bot_downloads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_dimension_day_show_id_day_dimension_value_pk" PRIMARY KEY("show_id","day","dimension","value")
);
--> statement-breakpoint
CREATE TABLE "rollup_episode_day" (
	"show_id" bigint NOT NULL,
	"episode_id" bigint NOT NULL,
	"day" date NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	"bot_downloads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_episode_day_show_id_episode_id_day_pk" PRIMARY KEY("show_id","episode_id","day")
);
--> statement-breakpoint
CREATE TABLE "rollup_hits_day" (
	"show_id" bigint NOT NULL,
	"day" date NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_hits_day_show_id_day_pk" PRIMARY KEY("show_id","day")
);
--> statement-breakpoint
CREATE INDEX "downloads_show_day_idx" ON "downloads" USING btree ("show_id","day");