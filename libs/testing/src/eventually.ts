/** Polls an assertion until it passes: for effects that cross Kafka and arrive a little later. */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
