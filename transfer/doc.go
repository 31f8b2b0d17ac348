// Package transfer is ftpane's data transfer process: a queue of file
// copies between two sides (the local disk or a server), run by parallel
// workers on pooled connections. It is headless: it never imports Bubble
// Tea or Lip Gloss; the TUI's queue pane applies Events by job ID.
//
// # Using it
//
//	q, err := transfer.New(transfer.Options{Restore: addPassword}) // err: journal trouble only
//	id := q.Add(transfer.Job{Src: transfer.RemoteEndpoint(cfg), Dst: transfer.LocalEndpoint(),
//		SrcPath: "/pub/file.iso", DstPath: "/home/me/file.iso"})
//	for ev := range q.Events() { ... } // until Close
//
// A UI takes one Snapshot at its start, then keeps one listener on Events
// (re-armed after each event) and applies each event to its row by ID:
// Event.After places a new or moved job, Get gives a job's full state,
// Summary.Add and Remove keep a total line. Nothing costs more with
// 100,000 jobs than with 100. Every method is safe for concurrent use
// and returns at once; the network is only touched by workers.
//
// # Planning
//
// Every copy, from any front end (F5/F6, the ":" line's get and put and
// their m-forms, batch mode, mirror, the proxy relay), is turned into
// jobs by one planning step, PlanCopy: it checks every name that came
// from a server's listing (CheckName) or was derived from a typed path
// (CheckRelative), checks the local target folder (or makes it, when the
// user agreed), and builds the jobs. Queue.Submit queues them.
//
// # How a file is copied
//
// A worker takes the first queued job whose servers have a free
// connection slot, preferring target folders fewer workers write in
// (files created in one folder by many workers contend for its lock).
// Connections come from a pool keyed by host, port and user, and are
// reused from job to job; a 421 (too many connections) lowers that
// server's slot count and puts the job back, it never fails it. The
// worker asks the source's size (SIZE), applies the conflict
// policy once (the chosen name is kept in the journal), and writes
// NAME.part, continuing an existing .part at its size (REST). Files of at
// least SegmentThreshold bytes downloaded to the local disk are fetched
// in Segments ranges on as many connections at once, written in place;
// their progress is kept in NAME.part.seg so that a retry or the next
// start continues each range. The finished .part is verified (its size,
// then a server checksum: HASH, XSHA256, XSHA1, XMD5 or XCRC, compared
// with the other server's or with a hash of the local file), renamed into
// place, and for a move the source is deleted. A mismatch deletes the
// .part and copies once more from zero; a second one fails the job.
//
// A job may also restart at a given byte (Offset: the target keeps its
// first bytes; a server whose FEAT lacks REST STREAM gets the whole file
// and the job says so), append (APPE) or store under a name the server
// picks (STOU); those two write the target in place and are never
// retried. A local target is created before the server is asked for the
// file. Every finished copy gets the source's modification time (from
// the listing it was planned from, else MDTM or stat; MFMT on servers).
//
// # When things break
//
// Network errors, timeouts, stalls and 4xx replies are retried after a backoff that doubles from BackoffMin to BackoffMax, up
// to MaxAttempts tries (a job's MaxTries overrides it), each continuing at
// the byte where the last stopped. Other errors fail the job at once
// with a reason in words (see Reason: no such folder, disk full,
// permission denied, read-only file system, name too long, target is a
// folder, file vanished on the server, refused by the server...), with
// the system's or the server's own words after it; the rest of the queue
// goes on.
//
// Pause stops a job and keeps its .part. Cancel does too: the .part never
// looks like a finished file (the final name only ever holds verified
// data), and Retry continues it. The journal (JSON lines in the XDG state
// folder, no passwords) brings unfinished jobs back paused after a quit
// or a crash, showing the bytes their .part holds; finished jobs never
// run again, and only the latest 200 of them stay in the journal.
//
// # Names
//
// A name from a server's listing becomes a local path only through
// CheckName: "/", "\\", "..", NUL, line breaks and absolute or drive
// names are refused, as a failed job with that reason, so a hostile
// server cannot write outside the target folder.
package transfer
