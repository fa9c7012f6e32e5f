interface Global {
  __GONGKAI_PG__?: { stop(): Promise<void> };
}

export default async function globalTeardown(): Promise<void> {
  await (globalThis as Global).__GONGKAI_PG__?.stop();
}
