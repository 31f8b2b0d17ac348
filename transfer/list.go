package transfer

import (
	"context"
	"errors"

	"github.com/ftpane/ftpane/session"
)

// List reads dir on cfg's server over one of the queue's own connections,
// got as a job gets them: on a slot of the server's limit, so listings and
// copies together never open more connections than the server takes; an
// idle pooled connection, or a new one dialled with cfg (its TLS, trust,
// charset, and passive or active mode). A waiting listing gets the next
// free slot before queued jobs do (a tree's walk stays ahead of its
// copies), but listings hold at most half of a server's slots.
//
// Failures are handled as a job's are: a 421 lowers the server's limit
// and the listing waits for a slot again; a connection that broke is
// dropped and the listing tried again on another one after the queue's
// backoff, up to tries times (0: the queue's MaxAttempts). A 421 is not a
// try while it still lowers the limit. The error returned is the
// listing's own (the server's reply or the connection's failure).
func (q *Queue) List(ctx context.Context, cfg session.Config, dir string, tries int) (l session.Listing, err error) {
	err = q.retry(ctx, opList, dir, tries, func() (lowered bool, err error) {
		l, lowered, err = q.listOnce(ctx, &cfg, dir)
		return lowered, err
	})
	return l, err
}

// Retrying runs f, an operation on a connection of the caller's own (mirror
// lists its first folders on the shell's), with the queue's rules: an
// error a retry can help (the network, a 421) is tried again after the
// queue's backoff, up to tries times in all (0: the queue's MaxAttempts);
// any other error, or ctx's end, returns at once. A session reconnects a
// broken connection on its next command, so f needs no more than to be
// called again.
func (q *Queue) Retrying(ctx context.Context, op, path string, tries int, f func() error) error {
	return q.retry(ctx, op, path, tries, func() (bool, error) { return false, f() })
}

// retry is Retrying for an f that can report a 421 that lowered the server's
// limit: such a failure is not counted as a try.
func (q *Queue) retry(ctx context.Context, op, path string, tries int, f func() (lowered bool, err error)) error {
	if tries <= 0 {
		tries = q.opts.MaxAttempts
	}
	for failed := 0; ; {
		lowered, err := f()
		if err == nil {
			return nil
		}
		var te *Error
		if ctx.Err() != nil || !errors.As(wrap(op, path, err), &te) || !te.Transient() {
			return err
		}
		if !lowered {
			failed++
		}
		if failed >= tries {
			return err
		}
		select {
		case <-q.opts.Clock.After(q.opts.backoff(max(1, failed))):
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-q.ctx.Done():
			return errClosed
		}
	}
}

// listOnce lists dir on a slot of its own. lowered reports a 421 that
// lowered the server's limit.
func (q *Queue) listOnce(ctx context.Context, cfg *session.Config, dir string) (l session.Listing, lowered bool, err error) {
	if err := q.listSlot(ctx, cfg); err != nil {
		return l, false, err
	}
	c, err := q.pool.get(ctx, cfg)
	if err == nil {
		l, err = c.List(ctx, dir)
	}
	if isTooMany(err) {
		before := q.pool.limit(cfg)
		lowered = q.pool.lower(cfg) < before // while the refused slot is still held
	}
	q.pool.putList(cfg, c, healthy(err))
	q.mu.Lock()
	q.cond.Broadcast()
	q.mu.Unlock()
	return l, lowered, err
}

// listSlot waits for a slot on cfg's server for a listing, until ctx
// ends or the queue closes.
func (q *Queue) listSlot(ctx context.Context, cfg *session.Config) error {
	key := poolKey(cfg)
	stop := context.AfterFunc(ctx, func() {
		q.mu.Lock()
		q.cond.Broadcast()
		q.mu.Unlock()
	})
	defer stop()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pool.want(key, 1)
	for {
		var err error
		switch {
		case q.closed:
			err = errClosed
		case ctx.Err() != nil:
			err = ctx.Err()
		case q.pool.reserveList(key):
			return nil
		}
		if err != nil {
			q.pool.want(key, -1)
			q.cond.Broadcast() // jobs no longer leave it a slot
			return err
		}
		q.cond.Wait()
	}
}

// want counts a listing starting or giving up its wait for a slot.
func (p *pool) want(key string, d int) {
	p.mu.Lock()
	p.server(key).wanted += d
	p.mu.Unlock()
}

// reserveList takes a slot for a waiting listing when the server has one
// free and listings do not hold their share already.
func (p *pool) reserveList(key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.server(key)
	if s.busy >= s.limit || s.listRoom() <= 0 {
		return false
	}
	s.busy++
	s.listing++
	s.wanted--
	return true
}

// putList gives back a listing's slot and connection (see put).
func (p *pool) putList(cfg *session.Config, c session.FS, healthy bool) {
	p.mu.Lock()
	p.server(poolKey(cfg)).listing--
	p.mu.Unlock()
	p.put(cfg, c, healthy)
}
