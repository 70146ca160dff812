export function ErrorNotice({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      {messages.map((message) => (
        <span key={message}>{message}</span>
      ))}
    </div>
  )
}
