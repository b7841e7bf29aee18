package dev.sluice.bench;

import java.util.List;
import java.util.Random;

/**
 * The hand-written part of the PII labelled set ({@link PiiLabelledSet}): {@code {{kind:value}}} marks what must
 * be redacted; everything else must be left. Credentials are made up in their issuers' documented shapes (random
 * characters from a fixed seed), as no real one appears in the samples.
 */
final class PiiSyntheticCases {
  private PiiSyntheticCases() {}

  private static final Random R = new Random(18);
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ALNUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String B64URL = ALNUM + "-_";

  private static String r(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append(alphabet.charAt(R.nextInt(alphabet.length())));
    return b.toString();
  }

  static final List<String> CASES =
      List.of(
          // credentials, one per documented shape, in the contexts they leak from
          "aws_access_key_id = {{secret:AKIA" + r(UPPER, 16) + "}}",
          "export AWS_SECRET_ACCESS_KEY={{secret:" + r(ALNUM + "/+", 40) + "}}",
          "\"SecretAccessKey\": \"{{secret:"
              + r(ALNUM, 40)
              + "}}\", \"AccessKeyId\": \"{{secret:ASIA"
              + r(UPPER, 16)
              + "}}\"",
          "git remote set-url origin https://{{secret:ghp_"
              + r(ALNUM, 36)
              + "}}@github.com/o/r.git",
          "GITHUB_TOKEN: {{secret:ghs_" + r(ALNUM, 36) + "}} # CI",
          "token = \"{{secret:github_pat_" + r(ALNUM, 22) + "_" + r(ALNUM, 59) + "}}\"",
          "SLACK_BOT_TOKEN={{secret:xoxb-"
              + r("0123456789", 12)
              + "-"
              + r("0123456789", 13)
              + "-"
              + r(ALNUM, 24)
              + "}}",
          "curl -X POST {{secret:https://hooks.slack.com/services/T"
              + r(UPPER, 8)
              + "/B"
              + r(UPPER, 10)
              + "/"
              + r(ALNUM, 24)
              + "}}",
          "<script src=\"https://maps.googleapis.com/maps/api/js?key={{secret:AIza"
              + r(B64URL, 35)
              + "}}\"></script>",
          "stripe.api_key = \"{{secret:sk_live_" + r(ALNUM, 24) + "}}\"",
          "STRIPE_RESTRICTED={{secret:rk_test_" + r(ALNUM, 99) + "}}",
          "OPENAI_API_KEY={{secret:sk-proj-" + r(B64URL, 48) + "}}",
          "client = Anthropic(api_key=\"{{secret:sk-ant-api03-" + r(B64URL, 80) + "}}\")",
          "//registry.npmjs.org/:_authToken={{secret:npm_" + r(ALNUM, 36) + "}}",
          "huggingface-cli login --token {{secret:hf_"
              + r("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", 34)
              + "}}",
          "Authorization: Bearer {{secret:eyJhbGciOiJIUzI1NiJ9.eyJ"
              + r(B64URL, 40)
              + "."
              + r(B64URL, 43)
              + "}}",
          "{{secret:-----BEGIN RSA PRIVATE KEY-----\n"
              + r(ALNUM + "+/", 64)
              + "\n"
              + r(ALNUM + "+/", 64)
              + "\n-----END RSA PRIVATE KEY-----}}\nand then the config goes on.",
          "{{secret:-----BEGIN OPENSSH PRIVATE KEY-----\n"
              + r(ALNUM, 70)
              + "\n-----END OPENSSH PRIVATE KEY-----}}",
          // IPv6 and non-ASCII addresses and numbers
          "client [{{ip:2a03:2880:f10c:83:face:b00c:0:25de}}] connected via {{ip:2606:4700::6810:84e5}}",
          "ping6 {{ip:2001:4860:4860::8888}} and ::1 and fe80::1ff:fe23:4567:890a%eth0",
          "Écrivez à {{email:josé.garcía@correo.españa.es}} ou appelez le {{phone:+33 1 42 68 53 00}}.",
          "联系我们：{{email:张伟@例子.中国}}，电话：{{phone:+86 10 6552 9988}}。",
          "Пишите на {{email:иван@пример.рф}}, звоните {{phone:+7 495 123-45-67}}.",
          "お問い合わせ：{{phone:＋８１ ３-３２２４-５０００}}まで",
          "هاتف {{phone:+971 4 330 0000}} أو {{email:info@dubai-example.ae}}",
          "Ruf an: {{phone:+49 30 901820}} oder mail {{email:k.mueller@beispiel-firma.de}}",
          "London office {{phone:+44 20 7946 0958}}; US {{phone:(212) 555-0147}}",
          "Support: {{email:help.desk+tickets@support.acme-corp.com}} (24/7)",
          // traps: none of this is PII
          "Upgrade to version 1.2.3.4 today; Version: 2.0.0.1; v1.2.3.4; build 10.0.19041.1.",
          "Release 4.4.4.4 and 1.2.3.4.5 and 1.2.3.4-beta and OID 1.3.6.1.4.1.2021.",
          "Meeting on 2023-12-04 at 12:30:45, or 04.12.2023, 12/04/2023, ２０２３年１２月４日.",
          "ISBN 978-3-16-148410-0; ISBN 0-306-40615-2; see pp. 123-145.",
          "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 sha256 "
              + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "uuid 123e4567-e89b-12d3-a456-426614174000, md5 d41d8cd98f00b204e9800998ecf8427e",
          "ssh user@localhost; psql postgres@127.0.0.1; ping 192.168.0.1 or 10.0.0.8",
          "npm i lodash@4.17.21 react@18.2.0 @babel/core@7.22.5 && pip install numpy==1.26.4",
          "std::vector<int> v; ::operator new(n); a::b::c; boost::asio::ip",
          "MAC de:ad:be:ef:00:01, ratio 16:9, score 3:2:1, 1:2:3:4:5:6:7:8:9",
          "<img src=\"logo@2x.png\"> and C = A@np.linalg.inv(B)",
          "git clone git@github.com:apache/httpd.git && contact someone@example.com",
          "id 4155552671, ts 1701648000, population 1,234,567,890, range 1990-2000",
          "netmask 255.255.255.0 gateway 192.168.1.1 dns 127.0.0.53",
          "pk_live_" + r(ALNUM, 24) + " is a publishable key; AKIA alone is a prefix",
          "base64 " + r(ALNUM + "+/", 60) + "== and hex " + r("0123456789abcdef", 40));
}
