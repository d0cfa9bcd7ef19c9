-- Hand edit: "hits" is partitioned by month on ts; partitions are created ahead by db/ensure-hit-partitions.ts.
CREATE TABLE "episode_urls" (
	"show_id" bigint NOT NULL,
	"url_key" text NOT NULL,
	"episode_id" bigint NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episode_urls_show_id_url_key_pk" PRIMARY KEY("show_id","url_key")
);
--> statement-breakpoint
CREATE TABLE "episodes" (
	"show_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "episodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"guid" text NOT NULL,
	"title" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episodes_show_id_id_pk" PRIMARY KEY("show_id","id")
);
--> statement-breakpoint
CREATE TABLE "hash_keys" (
	"month" text PRIMARY KEY NOT NULL,
	"key" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"destroyed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hits" (
	"show_id" bigint NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"id" uuid NOT NULL,
	"episode_id" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"target" text NOT NULL,
	"range_header" text,
	"referer" text,
	"podcast_guid" text,
	"listener_hash" "bytea",
	"country" char(2) NOT NULL,
	"region" text NOT NULL,
	"ua_type" text NOT NULL,
	"app" text NOT NULL,
	"device" text,
	"device_category" text,
	"os" text,
	"browser" text,
	"web_player" text,
	"is_bot" boolean NOT NULL,
	"status" integer,
	"bytes" bigint,
	CONSTRAINT "hits_show_id_ts_id_pk" PRIMARY KEY("show_id","ts","id")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "pending_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"show_id" bigint,
	"url_key" text NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"target" text NOT NULL,
	"range_header" text,
	"referer" text,
	"podcast_guid" text,
	"listener_hash" "bytea",
	"country" char(2) NOT NULL,
	"region" text NOT NULL,
	"ua_type" text NOT NULL,
	"app" text NOT NULL,
	"device" text,
	"device_category" text,
	"os" text,
	"browser" text,
	"web_player" text,
	"is_bot" boolean NOT NULL,
	"status" integer,
	"bytes" bigint
);
--> statement-breakpoint
CREATE TABLE "shows" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"feed_url" text,
	"podcast_guid" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "episode_urls" ADD CONSTRAINT "episode_urls_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "episode_urls_url_key_idx" ON "episode_urls" USING btree ("url_key");--> statement-breakpoint
CREATE UNIQUE INDEX "episodes_show_guid_key" ON "episodes" USING btree ("show_id","guid");--> statement-breakpoint
CREATE INDEX "hits_show_episode_ts_idx" ON "hits" USING btree ("show_id","episode_id","ts");--> statement-breakpoint
CREATE INDEX "hits_received_at_idx" ON "hits" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "pending_hits_url_key_idx" ON "pending_hits" USING btree ("url_key");--> statement-breakpoint
CREATE INDEX "pending_hits_ts_idx" ON "pending_hits" USING btree ("ts");--> statement-breakpoint
CREATE UNIQUE INDEX "shows_slug_key" ON "shows" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "shows_podcast_guid_idx" ON "shows" USING btree ("podcast_guid");