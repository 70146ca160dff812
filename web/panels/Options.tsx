// The <option>s of a select: each choice a string (value and label alike) or a value with its label.
export type Choice = string | { value: string; label: string }

export function Options({ choices }: { choices: readonly Choice[] }) {
  return (
    <>
      {choices.map((choice) => {
        const { value, label } = typeof choice === 'string' ? { value: choice, label: choice } : choice
        return <option key={value} value={value}>{label}</option>
      })}
    </>
  )
}
