//! The extractor of every JSON request body, [`Json`]: it reads a body the way the OpenAPI
//! document describes it. serde's derived `Deserialize` of a struct also takes a JSON array of its
//! fields in order (`["城北病院", "13"]` for `{name, prefecture}`), which the document forbids
//! (`type: object`); read through [`Objects`], a struct, at any depth, takes an object only.
//! Everything else (limits, media type, malformed JSON) is actix's `JsonConfig`, as before.

use std::fmt;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use crate::error::ApiError;

/// A JSON request body read into `T`: 415, 413 and 400 as actix's `web::Json` (through the app's
/// `JsonConfig`), 422 `invalid-body` when it is JSON of another shape than `T`'s.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Json<T>, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let web::Json(value) = body.await?;
            read(value).map(Json).map_err(|e| ApiError::invalid_body(e).into())
        })
    }
}

/// `T` from a JSON value, its structs from objects only.
pub fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, serde_json::Error> {
    T::deserialize(Objects(value))
}

/// A deserializer that hands every struct it reads, at any depth, an object only: a sequence where
/// a struct is expected is `invalid type: sequence, expected struct …`. Anything else goes to the
/// deserializer it wraps. (A struct read through serde's own buffering, under `#[serde(flatten)]`
/// or an untagged enum, is not reached; no request body has one.)
pub struct Objects<D>(pub D);

macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Checked { inner: visitor, struct_: false })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward!(
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_map deserialize_identifier deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Checked { inner: visitor, struct_: false })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Checked { inner: visitor, struct_: false })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Checked { inner: visitor, struct_: false })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Checked { inner: visitor, struct_: false })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Checked { inner: visitor, struct_: true })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Checked { inner: visitor, struct_: false })
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor that refuses a sequence for a struct and reads whatever it holds through [`Objects`].
struct Checked<V> {
    inner: V,
    struct_: bool,
}

macro_rules! visit {
    ($($method:ident($t:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Checked<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.inner.expecting(f)
    }

    visit!(
        visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128) visit_f32(f32)
        visit_f64(f64) visit_char(char) visit_str(&str) visit_borrowed_str(&'de str)
        visit_string(String) visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.struct_ {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        }
        self.inner.visit_seq(Each(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Each(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Each(data))
    }
}

/// A seed whose value is read through [`Objects`].
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

/// The elements, entries or variant of a sequence, map or enum, each read through [`Objects`].
struct Each<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Each<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Each<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Each<A> {
    type Error = A::Error;
    type Variant = Each<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, Each(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Each<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Checked { inner: visitor, struct_: false })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Checked { inner: visitor, struct_: true })
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::read;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Facility {
        name: String,
        prefecture: Option<String>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Batch {
        items: Vec<Facility>,
        first: Option<Facility>,
        codes: Vec<u32>,
        pair: (u8, String),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Change {
        Rename { name: String },
        Move(Facility),
        Clear,
    }

    #[test]
    fn an_object_reads_as_it_always_did() {
        let batch: Batch = read(json!({
            "items": [{"name": "A", "prefecture": "13"}],
            "first": {"name": "B", "prefecture": null},
            "codes": [1, 2],
            "pair": [3, "x"],
        }))
        .unwrap();
        assert_eq!(batch.items[0], Facility { name: "A".into(), prefecture: Some("13".into()) });
        assert_eq!(batch.first, Some(Facility { name: "B".into(), prefecture: None }));
        assert_eq!((batch.codes, batch.pair), (vec![1, 2], (3, "x".into())));
        assert_eq!(
            read::<Change>(json!({"rename": {"name": "C"}})).unwrap(),
            Change::Rename { name: "C".into() }
        );
        assert_eq!(read::<Change>(json!("clear")).unwrap(), Change::Clear);
        assert_eq!(
            read::<Change>(json!({"move": {"name": "D", "prefecture": "01"}})).unwrap(),
            Change::Move(Facility { name: "D".into(), prefecture: Some("01".into()) })
        );
    }

    #[test]
    fn a_struct_takes_an_object_only_at_any_depth() {
        // What serde's derive alone would take: each of these is a struct written as an array.
        assert!(serde_json::from_value::<Facility>(json!(["A", "13"])).is_ok(), "serde alone takes it");
        let refused = [
            read::<Facility>(json!(["A", "13"])).map(drop),
            read::<Batch>(json!({"items": [["A", "13"]], "first": null, "codes": [], "pair": [1, "x"]}))
                .map(drop),
            read::<Batch>(json!({"items": [], "first": ["A", null], "codes": [], "pair": [1, "x"]}))
                .map(drop),
            read::<Change>(json!({"rename": ["C"]})).map(drop),
            read::<Change>(json!({"move": ["D", "01"]})).map(drop),
        ];
        for (i, result) in refused.into_iter().enumerate() {
            let error = result.expect_err("an array for a struct").to_string();
            assert!(error.contains("invalid type: sequence"), "{i}: {error}");
        }
    }
}
