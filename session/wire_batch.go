package session

import "strings"

// pair sends two commands whose second makes sense only after the first
// (RNFR then RNTO) in one write, and reads both replies: the server
// answers every line, so even when the first fails the second's reply
// (a 503) is read and the connection stays in step. That saves a round
// trip, a write and a wake-up of the server per rename: a tenth of an
// upload of many small files. On a connection where pipelining failed
// once they go one at a time, the second only after the first's reply
// had code want.
func (w *wire) pair(first, second string, want int) (Reply, Reply, error) {
	reps, err := w.batch([]string{first, second}, want)
	if err != nil || len(reps) < 2 {
		var r1 Reply
		if len(reps) > 0 {
			r1 = reps[0]
		}
		return r1, Reply{}, err
	}
	return reps[0], reps[1], nil
}

// batch sends lines in one write and reads a reply to each, in order.
// On a connection where pipelining failed once they go one at a time,
// and when want is not 0 the rest are not sent once a reply's code is
// not want (the replies returned are then fewer than the lines).
func (w *wire) batch(lines []string, want int) ([]Reply, error) {
	for _, l := range lines {
		if err := checkArg(l); err != nil {
			return nil, err
		}
	}
	reps := make([]Reply, 0, len(lines))
	if w.noPipeline || w.pendingEPSV != nil {
		for i, l := range lines {
			rep, err := w.cmd(l)
			if err != nil {
				return reps, err
			}
			reps = append(reps, rep)
			if want != 0 && rep.Code != want && i < len(lines)-1 {
				return reps, nil
			}
		}
		return reps, nil
	}
	var out strings.Builder
	for _, l := range lines {
		enc, err := w.codec.encode(l)
		if err != nil {
			return nil, err
		}
		out.WriteString(enc)
		out.WriteString("\r\n")
	}
	for _, l := range lines {
		w.trace(TraceSent, maskSecrets(l))
	}
	if err := w.write(out.String()); err != nil {
		return nil, err
	}
	for range lines {
		rep, err := w.readReply()
		if err != nil {
			return reps, err
		}
		reps = append(reps, rep)
	}
	return reps, nil
}
