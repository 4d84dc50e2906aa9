/** crates.io asks crawlers for at most one request per second. */
export const CRATES_IO_HOST = 'crates.io';
export const CRATES_IO_MIN_INTERVAL_MS = 1000;
