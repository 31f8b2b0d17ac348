package ui

// focusSub gives the focus to the queue or the log, or (SubNone) back
// to the file pane that had it.
func (m *Model) focusSub(s Sub) {
	m.sub = s
	m.queue.SetActive(s == SubQueue)
	m.log.SetActive(s == SubLog)
	m.panes[0].SetActive(s == SubNone && m.focus == FocusLeft)
	m.panes[1].SetActive(s == SubNone && m.focus == FocusRight)
}

// switchFocus is Tab: left, right, then the queue and the log when
// shown.
func (m *Model) switchFocus() {
	switch {
	case m.sub == SubQueue && m.showLog:
		m.focusSub(SubLog)
	case m.sub != SubNone:
		m.focus = FocusLeft
		m.focusSub(SubNone)
	case m.focus == FocusRight && m.showQueue:
		m.focusSub(SubQueue)
	case m.focus == FocusRight && m.showLog:
		m.focusSub(SubLog)
	default:
		m.setFocus(1 - m.focus)
	}
}
