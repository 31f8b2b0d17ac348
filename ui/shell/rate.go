package shell

import (
	"context"
	"fmt"

	"github.com/ftpane/ftpane/transfer"
)

// cmdRate shows or sets the bandwidth limit every transfer of the queue
// shares (lftp's net:limit-rate; in the TUI the queue pane's). Units K,
// M and G are 1024-based bytes per second; 0 or off lifts the limit.
func (s *Shell) cmdRate(_ context.Context, args []string) error {
	if len(args) == 1 {
		n, err := transfer.ParseRate(args[0])
		if err != nil {
			return fmt.Errorf("rate: %w", err)
		}
		s.q.SetRate(n)
	}
	s.printf("%s\n", rateLine(s.q.Rate()))
	return nil
}

// rateLine is the limit in words, as rate and status print it.
func rateLine(n int64) string {
	if n <= 0 {
		return "Rate limit: none (rate 500K sets one)."
	}
	return fmt.Sprintf("Rate limit: %s (%s) for all transfers together.", transfer.FormatRate(n), transfer.RateString(n))
}
