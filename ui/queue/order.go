package queue

import (
	"slices"

	"github.com/ftpane/ftpane/transfer"
)

// order is the rows' order: job IDs in chunks of at most chunkMax, and a
// map from ID to chunk. Placing a job after another, removing one, the
// row of a job and the job of a row cost a walk over the chunks and one
// chunk (a few hundred steps with 100,000 rows), never a copy of all the
// rows as a plain slice would on every insertion.
type order struct {
	chunks []*chunk
	where  map[transfer.ID]*chunk
	n      int
}

type chunk struct{ ids []transfer.ID }

const chunkMax = 512

func newOrder() *order { return &order{where: map[transfer.ID]*chunk{}} }

func (o *order) len() int { return o.n }

// reset replaces the rows with ids.
func (o *order) reset(ids []transfer.ID) {
	*o = order{where: make(map[transfer.ID]*chunk, len(ids))}
	for k := 0; k < len(ids); k += chunkMax / 2 {
		c := &chunk{ids: slices.Clone(ids[k:min(len(ids), k+chunkMax/2)])}
		for _, id := range c.ids {
			o.where[id] = c
		}
		o.chunks = append(o.chunks, c)
	}
	o.n = len(ids)
}

// insertAfter places id right after the row of after; first when after
// is 0, last when after is not a row.
func (o *order) insertAfter(after, id transfer.ID) {
	if len(o.chunks) == 0 {
		o.chunks = []*chunk{{}}
	}
	c, at := o.chunks[0], 0
	if after != 0 {
		if ac, ok := o.where[after]; ok {
			c, at = ac, slices.Index(ac.ids, after)+1
		} else {
			c = o.chunks[len(o.chunks)-1]
			at = len(c.ids)
		}
	}
	c.ids = slices.Insert(c.ids, at, id)
	o.where[id] = c
	o.n++
	if len(c.ids) > chunkMax {
		o.split(c)
	}
}

// split moves the upper half of c into a new chunk after it.
func (o *order) split(c *chunk) {
	half := len(c.ids) / 2
	nc := &chunk{ids: slices.Clone(c.ids[half:])}
	c.ids = slices.Clip(c.ids[:half])
	for _, id := range nc.ids {
		o.where[id] = nc
	}
	i := slices.Index(o.chunks, c)
	o.chunks = slices.Insert(o.chunks, i+1, nc)
}

// remove takes id out; it reports the row it had (-1: none).
func (o *order) remove(id transfer.ID) int {
	i := o.index(id)
	if i < 0 {
		return -1
	}
	c := o.where[id]
	c.ids = slices.Delete(c.ids, slices.Index(c.ids, id), slices.Index(c.ids, id)+1)
	delete(o.where, id)
	o.n--
	if len(c.ids) == 0 && len(o.chunks) > 1 {
		o.chunks = slices.DeleteFunc(o.chunks, func(x *chunk) bool { return x == c })
	}
	return i
}

// index is the row of id, -1 when it has none.
func (o *order) index(id transfer.ID) int {
	c, ok := o.where[id]
	if !ok {
		return -1
	}
	n := 0
	for _, x := range o.chunks {
		if x == c {
			return n + slices.Index(c.ids, id)
		}
		n += len(x.ids)
	}
	return -1
}

// slice is up to count IDs from row from on.
func (o *order) slice(from, count int) []transfer.ID {
	var out []transfer.ID
	if from < 0 || count <= 0 {
		return nil
	}
	for _, c := range o.chunks {
		if from >= len(c.ids) {
			from -= len(c.ids)
			continue
		}
		take := c.ids[from:min(len(c.ids), from+count-len(out))]
		out = append(out, take...)
		from = 0
		if len(out) == count {
			break
		}
	}
	return out
}

// at is the ID of row i (0 when there is none).
func (o *order) at(i int) transfer.ID {
	if s := o.slice(i, 1); len(s) == 1 {
		return s[0]
	}
	return 0
}
