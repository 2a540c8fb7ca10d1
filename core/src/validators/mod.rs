//! The validator registry: checks that run on the secret part of a candidate match.
//!
//! A rule names validators as strings (`"luhn"`, `"entropy(3.5)"`). [`REGISTRY`] is the only
//! place where a name is written: it maps each name to a plain check, or to a factory that
//! receives the text between the parentheses (or `None`) and returns the check, or a message
//! saying why the argument is wrong. The modules below hold the algorithms only.

mod basic;
mod names;
mod pii;
mod secret_keys;
mod tokens;

pub use basic::{luhn_valid, mod97_valid, shannon_entropy};

use basic::is_placeholder;
pub(crate) use basic::is_stand_in_words;
/// The `person-name-value` check, for the values of person-name personal keys.
pub(crate) use names::person_name_value_valid as person_name_value;
use pii::{americas, asia_africa, check_digits, dates, europe, network, payment, phone, wallets};
use tokens::is_code_reference;

/// A compiled validator: true means the candidate is accepted.
pub(crate) type Check = Box<dyn Fn(&[u8]) -> bool + Send + Sync + std::panic::RefUnwindSafe>;

/// How a registered name becomes a check.
#[derive(Clone, Copy)]
enum Kind {
    /// A plain function; an argument in parentheses is an error.
    Plain(fn(&[u8]) -> bool),
    /// Builds the check from the optional argument written in parentheses.
    WithArg(fn(Option<&str>) -> Result<Check, String>),
}

use Kind::{Plain, WithArg};

/// Validators that exist only for tests: `test-panic` panics on purpose (the fail-closed and
/// panic-containment tests). Compiled in for this crate's unit tests and under the
/// `test-hooks` feature, which only test builds enable (core's and the CLI's dev-dependencies,
/// the bindings' test scripts), never in a release package.
#[cfg(any(test, feature = "test-hooks"))]
const TEST_REGISTRY: &[(&str, Kind)] = &[("test-panic", Plain(basic::test_panic))];
#[cfg(not(any(test, feature = "test-hooks")))]
const TEST_REGISTRY: &[(&str, Kind)] = &[];

/// Every registered validator: the production ones, then the test hooks if compiled in.
fn registry() -> impl Iterator<Item = &'static (&'static str, Kind)> {
    REGISTRY.iter().chain(TEST_REGISTRY)
}

/// Every validator, each name written once. Grouped as the modules are.
const REGISTRY: &[(&str, Kind)] = &[
    // Basic checks (basic.rs).
    ("entropy", WithArg(basic::entropy_factory)),
    ("luhn", Plain(luhn_valid)),
    ("mod97", Plain(mod97_valid)),
    ("not-placeholder", Plain(|s| !is_placeholder(s))),
    // Token formats (tokens.rs).
    ("github-checksum", Plain(tokens::github_checksum_valid)),
    ("npm-checksum", Plain(tokens::npm_checksum_valid)),
    ("pypi-macaroon", Plain(tokens::pypi_macaroon_valid)),
    ("jwt", Plain(tokens::jwt_valid)),
    ("base64-json", Plain(tokens::base64_json_valid)),
    ("base64-userpass", Plain(tokens::base64_userpass_valid)),
    ("discord-bot-token", Plain(tokens::discord_bot_token_valid)),
    ("age-bech32", Plain(tokens::age_bech32_valid)),
    ("der-sequence", Plain(tokens::der_sequence_valid)),
    ("nkey-seed", Plain(tokens::nkey_seed_valid)),
    ("not-code-reference", Plain(|s| !is_code_reference(s))),
    // Private keys and reversible encodings (secret_keys.rs).
    ("wif-private-key", Plain(secret_keys::wif_private_key_valid)),
    (
        "bip32-private-key",
        Plain(secret_keys::bip32_private_key_valid),
    ),
    ("nostr-nsec", Plain(secret_keys::nostr_nsec_valid)),
    ("cisco-type7", Plain(secret_keys::cisco_type7_valid)),
    // Personal data (pii/): generic check-digit schemes (check_digits.rs).
    (
        "iso7064-mod11-10",
        Plain(check_digits::iso7064_mod11_10_valid),
    ),
    ("verhoeff", Plain(check_digits::verhoeff_valid)),
    // Cards and banks (pii-global.toml).
    ("card-iin", Plain(payment::card_iin_valid)),
    ("iban-length", Plain(payment::iban_length_valid)),
    ("bic", Plain(payment::bic_valid)),
    ("aba-routing", Plain(payment::aba_routing_valid)),
    // Network addresses, email, phone (pii-global.toml).
    ("ipv4", Plain(network::ipv4_valid)),
    ("ipv6", Plain(network::ipv6_valid)),
    ("mac-address", Plain(network::mac_address_valid)),
    ("email", Plain(network::email_valid)),
    ("e164", Plain(phone::e164_valid)),
    ("phone-national", Plain(phone::phone_national_valid)),
    ("e164-possible", Plain(phone::e164_possible)),
    ("nanp", Plain(phone::nanp_valid)),
    // Crypto wallets (pii-global.toml).
    ("base58check", Plain(wallets::base58check_valid)),
    ("bech32", Plain(wallets::bech32_address_valid)),
    ("eip55", Plain(wallets::eip55_valid)),
    // Dates (pii-global.toml).
    ("date-of-birth", Plain(dates::date_of_birth_valid)),
    // National identifiers (pii-national-americas.toml).
    ("us-ssn", Plain(americas::us_ssn_valid)),
    ("us-itin", Plain(americas::us_itin_valid)),
    ("us-ein", Plain(americas::us_ein_valid)),
    ("us-npi", Plain(americas::us_npi_valid)),
    ("ca-sin", Plain(americas::ca_sin_valid)),
    ("br-cpf", Plain(americas::br_cpf_valid)),
    ("br-cnpj", Plain(americas::br_cnpj_valid)),
    ("mx-curp", Plain(americas::mx_curp_valid)),
    ("cl-rut", Plain(americas::cl_rut_valid)),
    // National identifiers (pii-national-europe.toml).
    ("uk-nino", Plain(europe::uk_nino_valid)),
    ("nhs-number", Plain(europe::nhs_number_valid)),
    ("de-steuer-id", Plain(europe::de_steuer_id_valid)),
    ("fr-nir", Plain(europe::fr_nir_valid)),
    ("es-dni", Plain(europe::es_dni_valid)),
    ("it-codice-fiscale", Plain(europe::it_codice_fiscale_valid)),
    ("nl-bsn", Plain(europe::nl_bsn_valid)),
    (
        "be-national-number",
        Plain(europe::be_national_number_valid),
    ),
    ("pl-pesel", Plain(europe::pl_pesel_valid)),
    ("se-personnummer", Plain(europe::se_personnummer_valid)),
    ("fi-hetu", Plain(europe::fi_hetu_valid)),
    ("dk-cpr", Plain(europe::dk_cpr_valid)),
    ("no-fodselsnummer", Plain(europe::no_fodselsnummer_valid)),
    ("ch-ahv", Plain(europe::ch_ahv_valid)),
    ("at-svnr", Plain(europe::at_svnr_valid)),
    ("pt-nif", Plain(europe::pt_nif_valid)),
    ("ie-ppsn", Plain(europe::ie_ppsn_valid)),
    ("ro-cnp", Plain(europe::ro_cnp_valid)),
    ("cz-birth-number", Plain(europe::cz_birth_number_valid)),
    ("ee-isikukood", Plain(europe::ee_isikukood_valid)),
    ("tr-tckn", Plain(europe::tr_tckn_valid)),
    // National identifiers (pii-national-asia-africa.toml).
    ("au-tfn", Plain(asia_africa::au_tfn_valid)),
    ("au-medicare", Plain(asia_africa::au_medicare_valid)),
    ("sg-nric", Plain(asia_africa::sg_nric_valid)),
    ("cn-resident-id", Plain(asia_africa::cn_resident_id_valid)),
    ("jp-my-number", Plain(asia_africa::jp_my_number_valid)),
    ("kr-rrn", Plain(asia_africa::kr_rrn_valid)),
    ("hk-hkid", Plain(asia_africa::hk_hkid_valid)),
    ("tw-national-id", Plain(asia_africa::tw_national_id_valid)),
    ("za-id", Plain(asia_africa::za_id_valid)),
    // Person names (names.toml).
    ("person-name", Plain(names::person_name_valid)),
    ("person-name-value", Plain(names::person_name_value_valid)),
];

/// Splits `name` or `name(arg)`.
fn parse(spec: &str) -> Result<(&str, Option<&str>), String> {
    let spec = spec.trim();
    match spec.find('(') {
        Some(open) => {
            if !spec.ends_with(')') {
                return Err(format!("validator `{spec}`: missing closing parenthesis"));
            }
            Ok((
                spec[..open].trim(),
                Some(spec[open + 1..spec.len() - 1].trim()),
            ))
        }
        None => Ok((spec, None)),
    }
}

/// Parses `name` or `name(arg)` and builds the check.
pub(crate) fn build(spec: &str) -> Result<Check, String> {
    let (name, arg) = parse(spec)?;
    let Some(&(_, kind)) = registry().find(|(n, _)| *n == name) else {
        return Err(format!(
            "unknown validator `{name}` (see `redactum validators`)"
        ));
    };
    let check = match (kind, arg) {
        (Plain(f), None) => Ok(Box::new(f) as Check),
        (Plain(_), Some(a)) => Err(format!("validator `{name}` takes no argument, got `{a}`")),
        (WithArg(factory), arg) => factory(arg),
    };
    check.map_err(|e| format!("validator `{name}`: {e}"))
}

/// The names of every registered validator, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = registry().map(|(n, _)| *n).collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut all = names();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n, "duplicate validator names");
    }

    #[test]
    fn build_parses_arguments() {
        assert!(build("luhn").is_ok());
        assert!(build("entropy(3.0)").is_ok());
        assert!(build("entropy(x)").err().unwrap().contains("entropy"));
        assert!(build("luhn(3)").is_err());
        assert!(build("nope").err().unwrap().contains("unknown validator"));
        assert!(build("entropy(3").is_err());
    }

    #[test]
    fn build_keeps_its_messages() {
        let err = |spec: &str| build(spec).err().unwrap();
        assert_eq!(
            err("luhn(3)"),
            "validator `luhn`: validator `luhn` takes no argument, got `3`"
        );
        assert_eq!(
            err("entropy"),
            "validator `entropy`: needs a minimum in bits per character, e.g. entropy(3.5)"
        );
        assert_eq!(
            err("nope"),
            "unknown validator `nope` (see `redactum validators`)"
        );
        assert_eq!(
            err(" entropy(3 "),
            "validator `entropy(3`: missing closing parenthesis"
        );
    }

    #[test]
    fn registry_builds_every_plain_validator() {
        for &(name, kind) in registry() {
            if let Plain(_) = kind {
                assert!(build(name).is_ok(), "{name}");
                assert!(
                    build(&format!("{name}(1)")).is_err(),
                    "{name} takes no argument"
                );
            }
        }
    }

    #[test]
    fn every_validator_named_by_a_builtin_rule_is_registered() {
        let mut seen = 0;
        for (file, text) in crate::builtin_rule_files() {
            for rule in crate::parse_rules(file, text).unwrap() {
                for spec in &rule.validators {
                    let (name, _) = parse(spec).unwrap();
                    assert!(
                        REGISTRY.iter().any(|(n, _)| *n == name),
                        "{file}: rule `{}` names unregistered validator `{name}`",
                        rule.id
                    );
                    if let Err(e) = build(spec) {
                        panic!("{file}: rule `{}`: {e}", rule.id);
                    }
                    seen += 1;
                }
            }
        }
        assert!(
            seen > 100,
            "only {seen} validators named by the built-in rules"
        );
    }
}
