package queue

import (
	"strings"
	"testing"

	"github.com/ftpane/ftpane/keymap"
	"github.com/ftpane/ftpane/transfer"
	"github.com/ftpane/ftpane/ui/styles"
)

// TestTotalLineShowsTheLimit: the total line names the overall limit
// only when one is set; a row names its job's own while it has work
// left.
func TestTotalLineShowsTheLimit(t *testing.T) {
	m := New(keymap.Default(), styles.New(styles.DefaultTheme(), true, false))
	m.SetSize(120, 6)
	j := transfer.JobState{Job: transfer.Job{ID: 1, SrcPath: "/a.bin", Limit: 300 << 10}, State: transfer.Active, Total: 10}
	m.SetJobs([]transfer.JobState{j})
	if strings.Contains(m.View(), "limit") {
		t.Errorf("no overall limit, but the total line has one:\n%s", m.View())
	}
	m.SetLimit(1 << 20)
	if !strings.Contains(m.total(), "limit 1.0 MiB/s") || m.Limit() != 1<<20 {
		t.Errorf("total line %q lacks the 1 MiB/s limit", m.total())
	}
	if got := m.rowText(j); !strings.Contains(got, "active ≤300K/s") {
		t.Errorf("row %q lacks the job's limit", got)
	}
	j.State = transfer.Done
	if got := m.rowText(j); strings.Contains(got, "≤") {
		t.Errorf("a finished row still shows a limit: %q", got)
	}
	m.SetLimit(0)
	if strings.Contains(m.total(), "limit") {
		t.Errorf("total line %q after the limit was lifted", m.total())
	}
}
