ALTER TABLE "episodes" ADD COLUMN "enclosure_url" text;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "enclosure_type" text;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "enclosure_length" bigint;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "duration_seconds" integer;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "episode_number" integer;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "image_url" text;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "image_url" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "author" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "etag" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "last_modified" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "last_fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "last_error" text;