/** What a job's options are when the user leaves them empty (the fields show the same). */
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_BUSY_RETRY_MIN_SECONDS = 10;
export const DEFAULT_BUSY_RETRY_MAX_SECONDS = 30;
/**
 * The largest Midjourney files are HD videos and 4× upscales, tens of MB; 100 MB takes them with
 * room to spare while keeping one download from filling n8n's memory or disk.
 */
export const DEFAULT_MAX_DOWNLOAD_MB = 100;
