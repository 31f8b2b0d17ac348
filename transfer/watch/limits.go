package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// limitsDir holds the kernel's inotify limits (a variable for tests).
var limitsDir = "/proc/sys/fs/inotify"

// limitError explains an error from the system's change notification
// when it is a limit being reached, with the setting that raises it.
func limitError(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the system's limit on watched folders is reached (%s): raise it, "+
			"e.g. sudo sysctl fs.inotify.max_user_watches=524288 (%w)", limitValue("max_user_watches"), err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("the system's limit on folder watchers is reached (%s): raise it, "+
			"e.g. sudo sysctl fs.inotify.max_user_instances=512 (%w)", limitValue("max_user_instances"), err)
	}
	return err
}

// limitValue is "fs.inotify.NAME = N", or just the setting's name when
// it cannot be read.
func limitValue(name string) string {
	s := "fs.inotify." + name
	b, err := os.ReadFile(filepath.Join(limitsDir, name))
	if err != nil {
		return s
	}
	return s + " = " + strings.TrimSpace(string(b))
}
