package transfer

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/ftpane/ftpane/session"
)

// Origin says where an item's target name came from, and so how far it
// is trusted to become a path.
type Origin int

// Names typed by the user are the user's choice; names derived from a
// path the user typed (get dir/file with no local name) may hold folders
// but may not climb out; names from a server's listing must be one plain
// path element.
const (
	FromUser Origin = iota
	FromTyped
	FromListing
)

// Item is one entry of a copy request.
type Item struct {
	SrcPath, DstPath string
	// DstDir, when DstPath is empty, is the folder the target goes in,
	// under Name as the request's NameMap maps it.
	DstDir string
	// Name is the name the target's last elements came from: the listed
	// name (FromListing) or the derived relative name (FromTyped).
	Name   string
	Origin Origin
	Dir    bool // a folder: copied as a tree
	Size   int64
	// ModTime is the source's time from its listing (zero: unknown).
	ModTime time.Time
	// Conflict overrides the request's policy for this item when set.
	Conflict *Policy
	// Fresh: the caller saw no target there (see Job.Fresh).
	Fresh bool
}

// Request is a copy as a front end asks for it: F5/F6, get and put and
// their m-forms, mirror. Plan turns it into jobs.
type Request struct {
	Src, Dst Endpoint
	Items    []Item
	Type     session.TransferType
	Conflict Policy
	Move     bool
	KeepCR   bool
	Append   bool
	Unique   bool
	Offset   int64
	// Map maps the names of items that give DstDir rather than DstPath.
	Map NameMap
	// MaxTries bounds each job's tries (0: the queue's MaxAttempts).
	MaxTries int
	// Limit is each job's own bandwidth limit (Job.Limit; 0: none).
	Limit int64
	Lend  Lent
	// DstFS checks that the target folders exist before anything is
	// queued (nil: not checked). MakeDirs creates a missing one (the TUI,
	// after asking); otherwise the plan fails with ErrNoTargetFolder.
	DstFS    session.FS
	MakeDirs bool
	// Root is the local folder the user chose for a tree (mirror): a
	// folder below it that is a symbolic link is refused, never followed.
	Root string
}

// Refusal is an item the plan will not copy, and why.
type Refusal struct {
	Item Item
	Err  error
}

// Plan is what a request comes to: the jobs to queue, in order, and the
// items refused (unsafe names).
type Plan struct {
	Jobs    []Job
	Refused []Refusal
}

// ErrNoTargetFolder is wrapped when a target folder does not exist.
var ErrNoTargetFolder = errors.New("no such folder")

// PlanCopy is the one planning step every copy goes through: it checks
// every name that came from outside (a hostile server must not choose
// where files land), checks (or makes) the target folders, and builds
// one job per item.
func PlanCopy(ctx context.Context, req Request) (Plan, error) {
	var p Plan
	dirs := map[string]bool{}
	for _, it := range req.Items {
		if it.DstPath == "" {
			it.Name = req.Map.Apply(it.Name, req.Dst.IsLocal())
			it.DstPath = req.Dst.join(it.DstDir, it.Name)
		}
		if err := checkOrigin(it); err != nil {
			p.Refused = append(p.Refused, Refusal{Item: it, Err: err})
			continue
		}
		if req.DstFS != nil {
			dir := req.DstFS.Dir(it.DstPath)
			if err := targetFolder(ctx, req, dir, dirs); err != nil {
				return Plan{}, err
			}
		}
		p.Jobs = append(p.Jobs, jobFor(req, it))
	}
	return p, nil
}

// Submit queues a plan's jobs and returns their IDs, in order.
func (q *Queue) Submit(p Plan) []ID {
	ids := make([]ID, len(p.Jobs))
	for i, j := range p.Jobs {
		ids[i] = q.Add(j)
	}
	return ids
}

func jobFor(req Request, it Item) Job {
	j := Job{Src: req.Src, Dst: req.Dst, SrcPath: it.SrcPath, DstPath: it.DstPath, Size: it.Size,
		Type: req.Type, Conflict: req.Conflict, Move: req.Move, KeepCR: req.KeepCR, Append: req.Append,
		Unique: req.Unique, Offset: req.Offset, MaxTries: req.MaxTries, ModTime: it.ModTime, Lend: req.Lend,
		Limit: req.Limit}
	if it.Conflict != nil {
		j.Conflict = *it.Conflict
	}
	j.Fresh = it.Fresh
	if it.Dir {
		j.Kind = KindTree
	}
	return j
}

func checkOrigin(it Item) error {
	switch it.Origin {
	case FromListing:
		return CheckName(it.Name)
	case FromTyped:
		return CheckRelative(it.Name)
	}
	return nil
}

// targetFolder checks once per folder that it exists, making it when
// the request says so.
func targetFolder(ctx context.Context, req Request, dir string, seen map[string]bool) error {
	if seen[dir] {
		return nil
	}
	if err := linkFree(ctx, req, dir); err != nil {
		return err
	}
	e, err := req.DstFS.Stat(ctx, dir)
	switch {
	case err == nil && e.Kind == session.KindDir:
	case err == nil && e.Kind == session.KindLink && req.Dst.IsLocal():
		// A link to a folder the user chose: the OS follows it.
	case err == nil:
		return &Error{Reason: ReasonNoFolder, Op: opWrite, Path: dir, Err: errors.New("not a folder")}
	case !isNotExist(err):
		return wrap(opWrite, dir, err)
	case !req.MakeDirs:
		return &Error{Reason: ReasonNoFolder, Op: opWrite, Path: dir, Err: ErrNoTargetFolder}
	default:
		if err := mkdirAll(ctx, req.DstFS, dir); err != nil {
			return wrap(opWrite, dir, err)
		}
	}
	seen[dir] = true
	return nil
}

// linkFree refuses a local target folder below the request's Root that
// is, or lies under, a symbolic link.
func linkFree(ctx context.Context, req Request, dir string) error {
	if req.Root == "" || !req.Dst.IsLocal() {
		return nil
	}
	root := filepath.Clean(req.Root)
	for d := filepath.Clean(dir); d != root && strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
		if e, err := req.DstFS.Stat(ctx, d); err == nil && e.Kind == session.KindLink {
			return &Error{Reason: ReasonLink, Op: opWrite, Path: d, Err: ErrLinkedFolder}
		}
	}
	return nil
}

// mkdirAll makes dir and the folders above it that are missing.
func mkdirAll(ctx context.Context, fsys session.FS, dir string) error {
	if _, err := fsys.Stat(ctx, dir); err == nil {
		return nil
	}
	if parent := fsys.Dir(dir); parent != dir && parent != "" {
		if err := mkdirAll(ctx, fsys, parent); err != nil {
			return err
		}
	}
	return mkdirOnce(ctx, fsys, dir)
}

// CheckRelative refuses a name derived from a path the user typed when
// it could write outside the folder it is meant for: absolute, climbing
// with "..", empty, a folder, or holding NUL or a line break.
func CheckRelative(name string) error {
	why := ""
	slash := strings.ReplaceAll(name, `\`, "/")
	switch {
	case name == "" || path.Clean(slash) == "." || name == "..":
		why = "not a file name"
	case strings.ContainsAny(name, "\x00\r\n"):
		why = "contains a NUL or line break"
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, "~") || strings.HasPrefix(name, `\`) ||
		len(name) >= 2 && name[1] == ':':
		why = "is an absolute path"
	case strings.Contains("/"+slash+"/", "/../"):
		why = "climbs out of the folder (..)"
	case strings.HasSuffix(name, "/"):
		why = "names a folder"
	}
	if why != "" {
		return &Error{Reason: ReasonUnsafeName, Op: "name", Path: fmt.Sprintf("%q", name),
			Err: fmt.Errorf("%w: %s (give a local name)", ErrUnsafeName, why)}
	}
	return nil
}
