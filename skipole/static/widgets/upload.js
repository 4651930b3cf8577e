/* upload.js: client classes of the file upload widgets.  Uploads are normal multipart form
 * posts; the hidden fields are form controls named widget:field (the core's generic path). */
(function (S) {
  "use strict";
  S.define("upload", ["UploadFile1", "SubmitUploadFile1", "SubmitUploadFile2"], {});
}(window.SKIPOLE));
