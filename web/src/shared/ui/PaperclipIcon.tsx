/** A decorative paperclip (an SVG, not an emoji: fonts without emoji would show a box). */
export function PaperclipIcon() {
  return (
    <svg className="paperclip-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M10.5 4.5v6a2.5 2.5 0 0 1-5 0V3.8a1.8 1.8 0 0 1 3.6 0v6.4a.9.9 0 0 1-1.8 0V5"
        fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round"
      />
    </svg>
  );
}
