DROP TABLE "listener_day" CASCADE;--> statement-breakpoint
DROP INDEX "downloads_show_day_idx";--> statement-breakpoint
CREATE INDEX "downloads_show_day_listener_idx" ON "downloads" USING btree ("show_id","day","listener_hash","is_bot");