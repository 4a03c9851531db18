import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { ImportList, ImportResult } from "../../contracts/imports.ts";
import { HoldfastError } from "../../core/errors.ts";
import { ZIP_LIMITS } from "../../ingest/csv/sources.ts";
import { ravenstackSourcesFromUploads } from "../../ingest/ravenstack/sources.ts";
import { GRAINS, type Grain, importRavenstack } from "../../usecases/import-ravenstack.ts";
import { listImports } from "../../usecases/list-imports.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

export const UPLOAD_LIMITS = { files: 6, fileBytes: 512 * 2 ** 20 } as const;

export const importRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody };

  app.post(
    "/imports",
    {
      preHandler: requirePermission("import"),
      schema: {
        tags: ["imports"],
        summary: `Import RavenStack data: multipart with five CSVs or one zip (up to ${UPLOAD_LIMITS.files} files of ${UPLOAD_LIMITS.fileBytes / 2 ** 20} MiB), optional field grain`,
        description: `A zip is read as a stream and refused (413 limit_exceeded, nothing written) past ${ZIP_LIMITS.entries} entries, ${ZIP_LIMITS.entryBytes / 2 ** 20} MiB for one entry or ${ZIP_LIMITS.totalBytes / 2 ** 20} MiB in all uncompressed, or a compression ratio over ${ZIP_LIMITS.ratio}:1.`,
        consumes: ["multipart/form-data"],
        response: { 200: ImportResult, 422: ErrorBody, ...errors },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new HoldfastError("invalid_input", "send multipart/form-data with the CSV files or a zip");
      const files = new Map<string, Uint8Array>();
      let grain: Grain = "subscription";
      try {
        for await (const part of req.parts({
          limits: { files: UPLOAD_LIMITS.files, fileSize: UPLOAD_LIMITS.fileBytes },
        })) {
          if (part.type === "file") {
            const bytes = await part.toBuffer();
            files.set(part.filename, bytes);
          } else if (part.fieldname === "grain") {
            const v = String(part.value);
            if (!GRAINS.includes(v as Grain)) {
              throw new HoldfastError(
                "invalid_input",
                `grain must be one of ${GRAINS.join(", ")} (got ${JSON.stringify(v)})`,
              );
            }
            grain = v as Grain;
          }
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_FILES_LIMIT") {
          throw new HoldfastError(
            "limit_exceeded",
            `upload limit: at most ${UPLOAD_LIMITS.files} files of ${UPLOAD_LIMITS.fileBytes / 2 ** 20} MiB each`,
          );
        }
        throw e;
      }
      const summary = await importRavenstack(ctx, orgOf(req), ravenstackSourcesFromUploads(files), {
        grain,
        source: `upload: ${[...files.keys()].join(", ")}`,
        actor: actorOf(req),
      });
      return {
        import_id: summary.importId,
        status: summary.status,
        grain: summary.grain,
        rows_read: summary.rowsRead,
        written: summary.written,
        customers: summary.customers,
      };
    },
  );

  app.get(
    "/imports",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["imports"],
        summary: "Import history, newest first",
        response: { 200: ImportList, ...errors },
      },
    },
    async (req) => ({
      items: (await listImports(ctx, orgOf(req))) as z.infer<typeof ImportList>["items"],
    }),
  );
};
