/** What an archive may contain before it is refused, whatever it claims about itself. */
export interface ExtractionLimits {
  /** Entries (files and directories) in the archive. */
  maxEntries: number;
  /** Bytes of one file once extracted. */
  maxFileBytes: number;
  /** Bytes of every file together once extracted. */
  maxTotalBytes: number;
  /** Bytes of the gzipped archive itself. */
  maxCompressedBytes: number;
  /** Extracted bytes per compressed byte: above this the archive is a decompression bomb. */
  maxCompressionRatio: number;
}

const MiB = 1024 * 1024;

/** Generous for a bundled taskserv (a few hundred KiB), small enough that a hostile one cannot fill a disk. */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxEntries: 1000,
  maxFileBytes: 16 * MiB,
  maxTotalBytes: 64 * MiB,
  maxCompressedBytes: 16 * MiB,
  maxCompressionRatio: 200,
};
