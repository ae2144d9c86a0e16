<?php
// Roundcube's ManageSieve library (PEAR Net_Sieve, Debian's php-net-sieve) as a real client: STARTTLS, PLAIN,
// upload with activation, list, get, a script with an error, delete; one line per step for the Java test.
require_once 'Net/Sieve.php';

list(, $host, $port, $user, $pass, $cafile) = $argv;
$script = "require [\"fileinto\"];\r\nif header :contains \"X-Spam-Flag\" \"YES\" {\r\n  fileinto \"Spam\";\r\n}\r\n";
function show($label, $r) {
    echo $label, ' ', is_a($r, 'PEAR_Error') ? 'ERROR ' . str_replace(["\r", "\n"], ['', ' | '], $r->getMessage()) : var_export($r, true), "\n";
}
$sieve = new Net_Sieve();
$options = ['ssl' => ['cafile' => $cafile, 'peer_name' => 'localhost', 'verify_peer' => true]];
show('connect', $sieve->connect($host, (int) $port, $options, true));
show('login', $sieve->login($user, $pass, 'PLAIN'));
show('extensions', $sieve->hasExtension('fileinto') && $sieve->hasExtension('vacation'));
show('install', $sieve->installScript('roundcube', $script, true));
show('active', $sieve->getActive());
show('list', $sieve->listScripts());
// Net_Sieve hands back the literal without its last line end (Roundcube sees the same from Dovecot)
show('get', rtrim($sieve->getScript('roundcube')) === rtrim($script));
show('space', $sieve->haveSpace('other', 100));
show('bad', $sieve->installScript('bad', "fileinto \"x\";\r\n"));
show('remove-active', $sieve->removeScript('roundcube'));
show('deactivate', $sieve->setActive(''));
show('remove', $sieve->removeScript('roundcube'));
show('disconnect', $sieve->disconnect());
