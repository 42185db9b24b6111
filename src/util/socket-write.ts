// Several buffers (a frame's size prefix and body, or a group of replies) in one socket write:
// corked, so Node hands them to the kernel together instead of one syscall each.
import type { Socket } from 'node:net';

export function writeChunks(sock: Socket, chunks: readonly Buffer[]): void {
  if (chunks.length === 1) {
    sock.write(chunks[0]);
    return;
  }
  sock.cork();
  for (const c of chunks) sock.write(c);
  sock.uncork();
}
