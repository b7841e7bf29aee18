package dev.sluice.quality.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private final PiiRedactor all = new PiiRedactor(PiiConfig.defaults());

  private String redact(String s) {
    return all.redact(s).text();
  }

  /** Text that must come back untouched: the same string, nothing counted. */
  private void untouched(String s) {
    PiiRedactor.Redacted r = all.redact(s);
    assertEquals(s, r.text(), "changed: " + s);
    assertArrayEquals(new int[4], r.counts(), "counted: " + s);
  }

  @Test
  void replacesEachKindWithItsTokenAndCountsIt() {
    PiiRedactor.Redacted r =
        all.redact(
            "Mail jane.doe+list@mail.example.co.uk or call +1 415-555-2671 from 8.8.8.8,"
                + " key AKIAIOSFODNN7EXAMPLE.");
    assertEquals("Mail <EMAIL> or call <PHONE> from <IP>, key <SECRET>.", r.text());
    assertArrayEquals(new int[] {1, 1, 1, 1}, r.counts());
  }

  @Test
  void textWithoutPiiIsTheSameString() {
    String s = "Nothing to see here: 42 apples, 3.14 pies.";
    assertSame(s, all.redact(s).text());
  }

  @Test
  void emails() {
    assertEquals("<EMAIL>", redact("owen@apache.org"));
    assertEquals("(<EMAIL>)", redact("(owen@apache.org)"));
    assertEquals("mailto:<EMAIL>.", redact("mailto:Bob_O'Neil@cs.berkeley.edu."));
    assertEquals("<EMAIL>, <EMAIL>", redact("a.b-c@x-y.io, A%B@SUB.DOMAIN.ORG"));
    assertEquals("<EMAIL>", redact("user@xn--bcher-kva.de"));
  }

  @Test
  void internationalisedEmails() {
    assertEquals("Écrivez à <EMAIL> !", redact("Écrivez à josé@correo.españa.es !"));
    assertEquals("联系：<EMAIL>。", redact("联系：张伟@例子.中国。"));
    assertEquals("почта <EMAIL>", redact("почта иван@пример.рф"));
  }

  @Test
  void emailLookalikesAreLeft() {
    untouched("ssh user@localhost and root@127.0.0.1 in code");
    untouched("npm install lodash@4.17.21 react@18.2.0 @babel/core@7.22.5");
    untouched("pip install requests==2.31.0; see foo@bar");
    untouched("git clone git@github.com:apache/httpd.git");
    untouched("<img src=\"logo@2x.png\"> icon@1.5x.png");
    untouched("C = A@np.linalg.inv(B)");
    untouched("@decorator\ndef f(): pass  # @param name the user@host");
    untouched("write to someone@example.com or test@foo.test");
    untouched("a@b.c and @@ and x@.com and @example.org");
    untouched(
        "-- Larry Wall in <1991Jul13.010945.19157@netlabs.com> and <9695@jpl-devvax.JPL.NASA.GOV>");
    untouched("-- Henning Makholm in <yahsmr7dk9k.fsf@pc-043.diku.dk>");
    untouched("ServerAdmin webgirl@example.dom and hinojosa@hp-sdd and debian-curiosa@l.d.o");
  }

  @Test
  void publicIpv4() {
    assertEquals("from <IP> port 22", redact("from 203.0.114.7 port 22"));
    assertEquals(
        "http://<IP>:8080/ and <IP>/24", redact("http://93.184.216.34:8080/ and 8.8.4.0/24"));
    assertEquals("Server at <IP>.", redact("Server at 151.101.1.69."));
  }

  @Test
  void emailsRightNextToTextWithoutSpacesAreFound() {
    assertEquals("メールは<EMAIL>まで送ってください", redact("メールはtanaka@example.co.jpまで送ってください"));
    assertEquals("連絡<EMAIL>です。", redact("連絡tanaka@163.com.cnです。"));
    // an all-Han address takes the words before it along (no boundary can be seen), never leaves
    // the address
    String han = redact("連絡先は田中@例子.中国です。");
    assertTrue(han.endsWith("<EMAIL>です。") && !han.contains("例子"), han);
    untouched("メールはuser@localhostまで");
    assertEquals("联系我们：<EMAIL>，电话", redact("联系我们：张伟@例子.中国，电话"));
  }

  @Test
  void privateAndSpecialIpv4AreLeft() {
    untouched("listen 127.0.0.1:80; 0.0.0.0; 10.1.2.3; 172.16.0.1; 192.168.1.1; 169.254.0.1");
    untouched("netmask 255.255.255.0, broadcast 255.255.255.255, mcast 224.0.0.251");
    untouched("docs 192.0.2.1 198.51.100.7 203.0.113.9 and CGNAT 100.64.0.1");
  }

  @Test
  void versionsAreNotIpAddresses() {
    untouched("Upgrade to version 1.2.3.4 today; Version: 2.0.0.1; v1.2.3.4; build 10.0.19041.1");
    untouched("release 4.4.4.4 and 1.2.3.4.5 and 1.2.3.4-beta and 1.2.3.4b and 01.02.03.04");
    untouched("OID 1.3.6.1.4.1.2021 and section 3.2.1.4.6 and \"Section 2.4.3.5   AWNS\"");
    untouched("999.1.1.1 and 1.2.256.4");
    // versions in prose, by the words around them or a requirement operator
    untouched("We upgraded the library to 1.2.3.4 last week");
    untouched("Requires python>=3.8.10.2 and node 18.17.1.0 builds; ^4.17.21.1, ==2.0.0.1");
    // words and signs that also go with addresses do not make a version
    for (String address :
        List.of(
            "ssh root@81.2.3.4",
            "<td>81.2.3.4</td>",
            "a <81.2.3.4> b",
            "=>81.2.3.4",
            "Updated the A record to 81.2.3.4",
            "Login required from 81.2.3.4",
            "library wifi gave me 81.2.3.4")) {
      assertTrue(redact(address).contains("<IP>"), address);
    }
    // the context ends at a sentence or a line: an address after it is still redacted
    assertEquals(
        "We upgraded the server. It answers on <IP> now",
        redact("We upgraded the server. It answers on 81.2.3.4 now"));
    assertEquals("installed\nfrom <IP>", redact("installed\nfrom 81.2.3.4"));
    assertEquals("x=<IP>", redact("x=81.2.3.4"));
  }

  @Test
  void publicIpv6() {
    assertEquals("addr <IP> up", redact("addr 2606:4700:4700::1111 up"));
    assertEquals("[<IP>]:443", redact("[2a00:1450:4007:80f::200e]:443"));
    assertEquals("<IP>.", redact("2001:4860:4860:0:0:0:0:8888."));
  }

  @Test
  void ipv6LookalikesAreLeft() {
    untouched("std::vector<int> v; ::operator new; a::b::c; Foo::Bar");
    untouched("at 12:30:45 on 2024-01-02T10:20:30Z; ratio 16:9; 1:2:3:4:5:6:7:8:9");
    untouched("mac 00:1a:2b:3c:4d:5e and de:ad:be:ef:00:01");
    untouched("::1 and fe80::1%eth0 and fd00::1 and ::ffff:10.0.0.1 and 2001:db8::1");
    untouched("beef::cafe::1 and 2001:4860::8888::1");
  }

  @Test
  void phones() {
    assertEquals("Call <PHONE> now", redact("Call (415) 555-2671 now"));
    assertEquals("tel. <PHONE>", redact("tel. 415.555.2671"));
    assertEquals("(<PHONE>)", redact("(415-555-2671)"));
    assertEquals("London <PHONE>", redact("London +44 20 7946 0958"));
    assertEquals("Paris <PHONE>.", redact("Paris +33 1 42 68 53 00."));
    assertEquals("<PHONE>", redact("+14155552671"));
  }

  @Test
  void phonesInOtherScriptsAndFullWidthDigits() {
    assertEquals("电话：<PHONE>，谢谢", redact("电话：+86 10 6552 9988，谢谢"));
    assertEquals("電話：<PHONE>まで", redact("電話：＋８１ ３-３２２４-５０００まで"));
    assertEquals("هاتف <PHONE> شكرا", redact("هاتف +971 4 330 0000 شكرا"));
  }

  @Test
  void phoneLookalikesAreLeft() {
    untouched("on 2023-12-04 and 04.12.2023 and 12/04/2023 and 2023年12月04日 and ２０２３年１２月４日");
    untouched("ISBN 978-3-16-148410-0 and ISBN 0-306-40615-2 and 978-0-596-52068-7");
    untouched("id 4155552671 and ts 1701648000 and 1,234,567,890");
    untouched("range 1990-2000, 10 000 000 people, 3.14159 2.71828");
    untouched("f(4155552671) x-415-555-2671 and call 555-0199");
    untouched("as defined in Clause 252.227-7013 (c) (1) of DFARS; DFARS 202.227-7015");
  }

  @Test
  void secrets() {
    assertEquals("key=<SECRET>", redact("key=AKIAIOSFODNN7EXAMPLE"));
    assertEquals(
        "aws_secret_access_key = <SECRET>",
        redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    assertEquals("token <SECRET>", redact("token ghp_" + "a".repeat(18) + "B".repeat(18)));
    assertEquals("<SECRET>", redact("github_pat_" + "11ABCDEFG0" + "x".repeat(72)));
    assertEquals("<SECRET>", redact("xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"));
    assertEquals(
        "url: <SECRET>",
        redact(
            "url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"));
    assertEquals("\"<SECRET>\"", redact("\"AIzaSyA-1234567890abcdefghijklmnopqrstu\""));
    assertEquals(
        "<SECRET> <SECRET>",
        redact("sk_live_4eC39HqLyjWDarjtT1zdp7dc rk_test_51H8abcdefghijklmnop"));
    assertEquals("<SECRET>", redact("sk-proj-abcdefghijklmnopqrstuvwxyz012345"));
    assertEquals("<SECRET>", redact("sk-" + "a".repeat(20) + "T3BlbkFJ" + "b".repeat(20)));
    assertEquals("<SECRET>", redact("npm_" + "A1b2".repeat(9)));
    assertEquals("<SECRET>", redact("hf_" + "abcDEF".repeat(5) + "abcd"));
    assertEquals(
        "Bearer <SECRET>",
        redact(
            "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"));
  }

  @Test
  void privateKeyBlocks() {
    String key =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MxszRTJk\n"
            + "Lq2jFa0Lr4WZbBOhvwqA0aAMpOl2aO0P2VP9zJK7H9o=\n-----END RSA PRIVATE KEY-----";
    assertEquals("key:\n<SECRET>\nend", redact("key:\n" + key + "\nend"));
    assertEquals(
        "<SECRET>\nThe rest is prose.",
        redact(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "The rest is prose."));
    untouched(
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----");
    untouched("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void hashesAndLookalikeSecretsAreLeft() {
    untouched(
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 and sha256 "
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    untouched("uuid 123e4567-e89b-12d3-a456-426614174000 and base64 SGVsbG8gd29ybGQhIFRoaXMgaXM=");
    untouched("pk_live_4eC39HqLyjWDarjtT1zdp7dc is a publishable key; AKIA is a prefix; ghp_short");
    untouched("task-ghp_" + "a".repeat(36) + "x");
  }

  @Test
  void aKindSwitchedOffIsLeftAndTokensAreConfigurable() {
    Map<PiiKind, String> tokens = new EnumMap<>(PiiKind.class);
    tokens.put(PiiKind.EMAIL, "[email]");
    PiiRedactor emailOnly = new PiiRedactor(new PiiConfig(tokens, List.of("US")));
    PiiRedactor.Redacted r = emailOnly.redact("a@b.io 8.8.8.8 +14155552671 AKIAIOSFODNN7EXAMPLE");
    assertEquals("[email] 8.8.8.8 +14155552671 AKIAIOSFODNN7EXAMPLE", r.text());
    assertArrayEquals(new int[] {1, 0, 0, 0}, r.counts());
  }

  @Test
  void phoneRegionsDecideNumbersWithoutAPlus() {
    Map<PiiKind, String> tokens = Map.of(PiiKind.PHONE, "<PHONE>");
    String london = "ring 020 7946 0958";
    assertEquals(
        london, new PiiRedactor(new PiiConfig(tokens, List.of("US"))).redact(london).text());
    assertEquals(
        "ring <PHONE>",
        new PiiRedactor(new PiiConfig(tokens, List.of("US", "GB"))).redact(london).text());
  }

  @Test
  void emptyAndRandomInputNeverFailAndRedactionIsIdempotent() {
    untouched("");
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "aAeE0123456789@.:-+() _/\n\u00e9\u4e2d\uff10\uff0b\u0661xyzkAIzaghp_eyJ";
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(200);
      for (int i = 0; i < len; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String once = redact(b.toString());
      assertEquals(once, redact(once), "seed " + seed + ": " + b);
    }
  }
}
