// Stopping the HTTP server without cutting anything off. Node's server.close() destroys every connection
// it deems idle, and that includes one whose last response has "finished" (handed to the socket) but is
// still in the socket's buffer: a large answer in flight at SIGTERM would arrive truncated. Here idle
// connections are ended instead (buffered bytes are flushed first), and busy ones when their response is.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

export interface GracefulServer {
  /** Stops accepting connections; `onClosed` runs once every open connection has ended. */
  close(onClosed: () => void): void
}

/** Call right after the server is created, before it accepts connections. */
export function gracefulServer(server: Server): GracefulServer {
  const sockets = new Set<Socket>()
  const busy = new Map<Socket, number>() // requests in flight on each connection
  let closing = false
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => {
      sockets.delete(socket)
      busy.delete(socket)
    })
  })
  server.on('request', (request, response) => {
    const socket = request.socket
    busy.set(socket, (busy.get(socket) ?? 0) + 1)
    if (closing) response.setHeader('Connection', 'close')
    response.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1
      if (left > 0) return void busy.set(socket, left)
      busy.delete(socket)
      if (closing) socket.end()
    })
  })
  const endIdle = () => {
    for (const socket of sockets) if (!busy.has(socket)) socket.end()
  }
  return {
    close(onClosed) {
      closing = true
      // server.close() calls closeIdleConnections(), which would destroy unflushed answers: end them instead.
      server.closeIdleConnections = endIdle
      server.close(() => onClosed())
    },
  }
}
