// The submit and 取消 buttons every edit form on /schemes ends with.
export function FormActions({ submit, busy, onCancel, className }: { submit: string; busy: boolean; onCancel: () => void; className: string }) {
  return (
    <span className={className}>
      <button type="submit" className="button-primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        取消
      </button>
    </span>
  )
}
