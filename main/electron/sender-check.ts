/**
 * True when an IPC message comes from a page at our own app origin: same scheme, host and port,
 * no credentials trick (`midstance-app://app@evil/`). Path, query and hash may vary (client-side
 * routes). Whether it is the main frame is checked by the caller, which holds the frame objects.
 */
export function isTrustedSender(senderUrl: string | null | undefined, expectedUrl: string): boolean {
  if (!senderUrl) return false;
  const sender = parseUrl(senderUrl);
  const expected = parseUrl(expectedUrl);
  if (!sender || !expected) return false;
  return (
    sender.protocol === expected.protocol &&
    sender.host === expected.host &&
    sender.username === '' &&
    sender.password === '' &&
    sender.host !== ''
  );
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
