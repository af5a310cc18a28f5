/** The Redis pub/sub channel of one deployment (its queue prefix), so test runs and tenants stay apart. */
export const liveChannel = (prefix: string) => `${prefix}:live`;
