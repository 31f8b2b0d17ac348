package ftpd

import ftpserver "github.com/fclairamb/ftpserverlib"

// Reply codes of the replies ftpane writes itself (RFC 959 4.2, RFC 2228,
// RFC 3659), named after ftpserverlib's constants where it has them.
const (
	codeOK                  = ftpserver.StatusOK                       // 200
	codeSuperfluous         = ftpserver.StatusNotImplemented           // 202: ACCT
	codeHelp                = ftpserver.StatusHelpMessage              // 214
	codeAuthOK              = ftpserver.StatusAuthAccepted             // 234
	codeFileOK              = ftpserver.StatusFileOK                   // 250: MLST
	codeServiceNotAvailable = ftpserver.StatusServiceNotAvailable      // 421
	codeSyntax              = ftpserver.StatusSyntaxErrorNotRecognised // 500
	codeBadParam            = ftpserver.StatusSyntaxErrorParameters    // 501
	codeNotImplemented      = ftpserver.StatusCommandNotImplemented    // 502
	codeBadSequence         = ftpserver.StatusBadCommandSequence       // 503
	codeParamNotImplemented = ftpserver.StatusNotImplementedParam      // 504
	codeNotLoggedIn         = ftpserver.StatusNotLoggedIn              // 530
	codeNotTaken            = ftpserver.StatusActionNotTaken           // 550
	codeStarting            = ftpserver.StatusFileStatusOK             // 150
)
