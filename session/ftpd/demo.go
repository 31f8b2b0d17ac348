package ftpd

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ftpane/ftpane/assets"
)

// Names PrepareDemo adds to the embedded tree.
const (
	DemoBigFile  = "big.bin"      // the generated file of bigSize bytes
	DemoUploads  = "uploads"      // an empty folder to upload into
	DemoLatest   = "latest"       // symlink to a file
	DemoCurrent  = "docs/current" // symlink to a folder
	demoMaxAge   = 500 * 24 * time.Hour
	demoSeedText = "ftpane demo big file"
)

// The demo's slow file: one the demo server sends at about 4 MB/s (Options.Throttle),
// so that a newcomer can watch a transfer, pause it and resume it.
const (
	DemoSlowFile = "slow/watch-me.bin"
	DemoSlowSize = 40 << 20
	DemoSlowRate = 4_000_000 // bytes a second
	demoSlowSeed = "ftpane demo slow file"
)

// DemoThrottle is the Options.Throttle of the demo: its slow file.
func DemoThrottle() map[string]int64 { return map[string]int64{"/" + DemoSlowFile: DemoSlowRate} }

// PrepareDemoSlow writes the demo's slow file of size bytes into dir (a
// demo tree): deterministic pseudo-random data, like the big file.
func PrepareDemoSlow(dir string, size int64) error {
	p := filepath.Join(dir, filepath.FromSlash(DemoSlowFile))
	err := os.MkdirAll(filepath.Dir(p), dirMode)
	if err == nil {
		err = writeBigFile(p, size, demoSlowSeed)
	}
	if err != nil {
		return fmt.Errorf("prepare demo in %s: %w", dir, err)
	}
	return nil
}

// demoLink is one of the demo's symlinks: relative, and resolving inside the
// tree, so the confined server follows it.
type demoLink struct{ name, target string }

func demoLinks() []demoLink {
	return []demoLink{
		{DemoLatest, "docs/changelog.md"},
		{DemoCurrent, "api/v1"},
	}
}

// PrepareDemo writes the demo tree into dir: the embedded files of
// assets.Demo, an empty uploads folder, two symlinks and a generated file of
// bigSize bytes (none when bigSize <= 0). The big file is deterministic
// pseudo-random data written as a stream, so it is never held in memory nor
// stored in the repository. Running it again over the same dir resets the
// tree's files.
func PrepareDemo(dir string, bigSize int64) error {
	if err := prepareDemo(dir, bigSize); err != nil {
		return fmt.Errorf("prepare demo in %s: %w", dir, err)
	}
	return nil
}

func prepareDemo(dir string, bigSize int64) error {
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return err
	}
	if err := copyTree(assets.Demo(), dir); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, DemoUploads), dirMode); err != nil {
		return err
	}
	for _, l := range demoLinks() {
		p := filepath.Join(dir, filepath.FromSlash(l.name))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.Symlink(filepath.FromSlash(l.target), p); err != nil {
			return err
		}
	}
	if bigSize <= 0 {
		return nil
	}
	return writeBigFile(filepath.Join(dir, DemoBigFile), bigSize, demoSeedText)
}

// copyTree copies src into dir, giving each file a mode (scripts are
// executable) and a made-up but stable age, so listings show both recent
// times and older-than-six-months years.
func copyTree(src fs.FS, dir string) error {
	now := time.Now()
	return fs.WalkDir(src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if d.IsDir() {
			return os.MkdirAll(dst, dirMode)
		}
		mode := fileMode
		if strings.HasSuffix(name, ".sh") || strings.HasSuffix(name, ".py") {
			mode = 0o755
		}
		if err := copyFile(src, name, dst, mode); err != nil {
			return err
		}
		mtime := now.Add(-demoAge(name))
		return os.Chtimes(dst, mtime, mtime)
	})
}

func copyFile(src fs.FS, name, dst string, mode fs.FileMode) error {
	in, err := src.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Chmod(mode); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// demoAge derives a file's age from its name: stable across runs.
func demoAge(name string) time.Duration {
	h := fnv.New64a()
	h.Write([]byte(name))
	return time.Duration(h.Sum64() % uint64(demoMaxAge))
}

// writeBigFile streams size bytes of ChaCha8 output seeded with seedText.
func writeBigFile(path string, size int64, seedText string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fileMode)
	if err != nil {
		return err
	}
	var seed [32]byte
	copy(seed[:], seedText)
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := io.CopyN(w, rand.NewChaCha8(seed), size); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
