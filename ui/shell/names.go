package shell

import (
	"context"

	"github.com/ftpane/ftpane/transfer"
)

// cmdNmap sets the name mapping, or turns it off with no arguments.
func (s *Shell) cmdNmap(_ context.Context, args []string) error {
	switch len(args) {
	case 0:
		s.set.nmapOn = false
		s.printf("Nmap off.\n")
		return nil
	case 1:
		return &UsageError{Cmd: "nmap", Usage: usageOf("nmap")}
	}
	s.set.nmapOn, s.set.nmapIn, s.set.nmapOut = true, args[0], args[1]
	return nil
}

// cmdNtrans sets the character translation, or turns it off.
func (s *Shell) cmdNtrans(_ context.Context, args []string) error {
	if len(args) == 0 {
		s.set.ntransOn = false
		s.printf("Ntrans off.\n")
		return nil
	}
	s.set.ntransOn, s.set.ntransIn, s.set.ntransOut = true, args[0], ""
	if len(args) == 2 {
		s.set.ntransOut = args[1]
	}
	return nil
}

// nameMap is the case, ntrans and nmap settings as the planner applies
// them to target names the user did not give.
func (s *Shell) nameMap() transfer.NameMap {
	m := transfer.NameMap{Case: s.set.mcase}
	if s.set.ntransOn {
		m.Ntrans = &[2]string{s.set.ntransIn, s.set.ntransOut}
	}
	if s.set.nmapOn {
		m.Nmap = &[2]string{s.set.nmapIn, s.set.nmapOut}
	}
	return m
}

// mapName is a target name the user did not give, as the planner maps
// it (for the lines that name it).
func (s *Shell) mapName(name string, download bool) string {
	return s.nameMap().Apply(name, download)
}
