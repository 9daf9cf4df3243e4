-- AlterTable
ALTER TABLE "Post" ADD COLUMN "slug" TEXT;

-- CreateIndex
-- expect: concurrently-in-transaction "Prisma Migrate"
CREATE INDEX CONCURRENTLY "Post_slug_idx" ON "Post"("slug");
