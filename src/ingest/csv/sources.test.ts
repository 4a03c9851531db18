import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zerosZip } from "../../../test/support/zip-bomb.ts";
import { HoldfastError } from "../../core/errors.ts";
import { ZIP_LIMITS, zipSources } from "./sources.ts";

async function text(src: { chunks(): AsyncIterable<Uint8Array> }): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of src.chunks()) parts.push(c);
  return Buffer.concat(parts).toString("utf8");
}

describe("zipSources", () => {
  it("reads the CSV entries of a zip, skipping others", async () => {
    const zip = zipSync({
      "data/accounts.csv": new TextEncoder().encode("a,b\n1,2\n"),
      "readme.txt": new TextEncoder().encode("hi"),
      "__MACOSX/._accounts.csv": new TextEncoder().encode("x"),
    });
    const out = zipSources(zip, "d.zip");
    expect([...out.keys()]).toEqual(["accounts.csv"]);
    expect(await text(out.get("accounts.csv")!)).toBe("a,b\n1,2\n");
  });

  it("reads stored (uncompressed) entries", async () => {
    const zip = zipSync({ "b.csv": new TextEncoder().encode("x\n1\n") }, { level: 0 });
    expect(await text(zipSources(zip, "s.zip").get("b.csv")!)).toBe("x\n1\n");
  });

  it("refuses a zip bomb (200 MiB of zeros) while decompressing, with the limit named", () => {
    const bomb = zerosZip(200);
    expect(bomb.length).toBeLessThan(2 ** 20);
    const before = process.memoryUsage().rss;
    let err: unknown;
    try {
      zipSources(bomb, "bomb.zip");
    } catch (e) {
      err = e;
    }
    const after = process.memoryUsage().rss;
    console.log(
      `zip bomb: ${bomb.length} bytes compressed; RSS ${(before / 2 ** 20).toFixed(0)} -> ${(after / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(err).toBeInstanceOf(HoldfastError);
    expect((err as HoldfastError).code).toBe("limit_exceeded");
    expect((err as HoldfastError).message).toMatch(
      /bomb\.zip: ravenstack_accounts\.csv expands more than 200 times/,
    );
    expect((err as HoldfastError).details).toEqual([`limit: ratio ${ZIP_LIMITS.ratio}`]);
  });

  it("refuses an entry or an archive over the size limits, and too many entries", () => {
    const csv = new TextEncoder().encode("id,name\n".repeat(1000));
    const limits = { ...ZIP_LIMITS, ratio: 1e9 };
    expect(() => zipSources(zipSync({ "a.csv": csv }), "s.zip", { ...limits, entryBytes: 4000 })).toThrow(
      /s\.zip: a\.csv expands to more than 0 MiB/,
    );
    expect(() =>
      zipSources(zipSync({ "a.csv": csv, "b.csv": csv }), "t.zip", { ...limits, totalBytes: 10_000 }),
    ).toThrow(/t\.zip: the archive expands to more than/);
    const many = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, csv]));
    expect(() => zipSources(zipSync(many), "m.zip", { ...limits, entries: 4 })).toThrow(
      /m\.zip: more than 4 entries in the archive/,
    );
  });

  it("refuses what is not a zip", () => {
    expect(() => zipSources(new TextEncoder().encode("not a zip"), "x.zip")).toThrow(
      /x\.zip: not a readable zip archive/,
    );
  });
});
