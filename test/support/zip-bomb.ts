import { Zip, ZipDeflate } from "fflate";

/** A zip holding `mib` MiB of zeros in one entry, built a MiB at a time (never held whole). */
export function zerosZip(mib: number, name = "ravenstack_accounts.csv"): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const entry = new ZipDeflate(name, { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(2 ** 20);
  for (let i = 0; i < mib; i++) entry.push(zeros, i === mib - 1);
  zip.end();
  return Buffer.concat(parts);
}
