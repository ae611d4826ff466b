export const CREDENTIAL_NAME = 'useApiMidjourneyApi';

export const API_PREFIX = '/v3/midjourney';

export const DEFAULT_BASE_URL = 'https://api.useapi.net';
