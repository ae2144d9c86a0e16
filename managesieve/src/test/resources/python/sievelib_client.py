"""A second, independent ManageSieve client: Debian's python3-sievelib (the library Roundcube-style tools use)
drives a session over STARTTLS and prints one line per step for the Java test to check."""
import sys

from sievelib.managesieve import Client

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
SPAM = 'require ["fileinto"];\r\nif header :contains "X-Spam-Flag" "YES" {\r\n  fileinto "Spam";\r\n}\r\n'

c = Client(host, port)
print("connect", c.connect(user, password, starttls=True, authmech="PLAIN"))
print("implementation", c.get_implementation())
print("extensions", " ".join(c.get_sieve_capabilities()))
print("havespace", c.havespace("spam", len(SPAM)))
print("put", c.putscript("spam", SPAM))
print("put-bad", c.putscript("bad", 'fileinto "x";\r\n'))
err = c.errmsg.decode() if isinstance(c.errmsg, bytes) else c.errmsg
print("error", " | ".join(err.splitlines()))
print("check", c.checkscript("keep;\r\n"))
print("activate", c.setactive("spam"))
active, others = c.listscripts()
print("list", active, sorted(others))
# sievelib hands back the script's lines joined with LF
print("get", c.getscript("spam") == "\n".join(SPAM.splitlines()))
print("rename", c.renamescript("spam", "filter"))
active, others = c.listscripts()
print("list", active, sorted(others))
print("delete-active", c.deletescript("filter"))
print("deactivate", c.setactive(""))
print("delete", c.deletescript("filter"))
print("logout", c.logout())
